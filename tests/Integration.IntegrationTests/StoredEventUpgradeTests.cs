namespace Integration.IntegrationTests;

/// <summary>
/// Every Integration event type whose shape changed is read by today's code from the JSON the earlier release stored
/// (Marten wrote names as declared and enums as numbers): instruments as the free strings of the time ("Phq9",
/// "CssrsScreener", "phq-9"), and released holds from before the prescriber's re-screening waiver, which read as no
/// waiver (the safe side: the course may not dose again).
/// </summary>
public sealed class StoredEventUpgradeTests(IntegrationApp app) : IClassFixture<IntegrationApp>
{
    private static readonly Guid Course = Guid.Parse("7d3c1f0e-2b4a-4c5d-8e6f-9a0b1c2d3e01");
    private static readonly Guid Patient = Guid.Parse("7d3c1f0e-2b4a-4c5d-8e6f-9a0b1c2d3e02");
    private static readonly Guid Clinician = Guid.Parse("7d3c1f0e-2b4a-4c5d-8e6f-9a0b1c2d3e03");
    private static readonly Guid Measurement = Guid.Parse("7d3c1f0e-2b4a-4c5d-8e6f-9a0b1c2d3e04");
    private const string At = "2026-03-02T15:30:00+00:00";
    private static readonly DateTimeOffset When = DateTimeOffset.Parse(At, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public Task An_opened_course_with_baselines_named_by_the_earlier_spellings() => AssertReadAsync(
        new CourseOutcomeOpened(
            Course, Patient, Indication.Ptsd, TreatmentRoute.KetamineAssistedPsychotherapy,
            [new BaselineScore(InstrumentCode.Pcl5, 51, "Probable PTSD", When), new BaselineScore(InstrumentCode.CssrsScreener, 0, "None", When)],
            When, "2026.1", "2026.1", When),
        $$"""
        {"CourseId":"{{Course}}","PatientId":"{{Patient}}","Indication":3,"Route":4,
         "BaselineScores":[{"Instrument":"Pcl5","Total":51,"Band":"Probable PTSD","AdministeredAt":"{{At}}"},
                           {"Instrument":"CssrsScreener","Total":0,"Band":"None","AdministeredAt":"{{At}}"}],
         "ApprovedAt":"{{At}}","ScreeningProtocolVersion":"2026.1","OutcomeProtocolVersion":"2026.1","OpenedAt":"{{At}}"}
        """);

    [Fact]
    public Task A_measured_outcome_with_its_instrument_as_the_enum_name() => AssertReadAsync(
        new OutcomeMeasured(Course, Measurement, InstrumentCode.Phq9, [2, 2, 1, 1, 1, 1, 1, 0, 0], 9, "Mild", null, When, Clinician),
        $$"""
        {"CourseId":"{{Course}}","MeasurementId":"{{Measurement}}","Instrument":"Phq9","Items":[2,2,1,1,1,1,1,0,0],"Total":9,
         "Band":"Mild","RiskLevel":null,"MeasuredAt":"{{At}}","RecordedBy":"{{Clinician}}"}
        """);

    [Fact]
    public Task A_worsening_flag_with_its_instrument_in_lower_case() => AssertReadAsync(
        new WorseningReviewFlagRaised(Course, Measurement, InstrumentCode.Phq9, 14, 21, When),
        $$"""{"CourseId":"{{Course}}","MeasurementId":"{{Measurement}}","Instrument":"phq-9","BaselineTotal":14,"Total":21,"RaisedAt":"{{At}}"}""");

    [Fact]
    public Task An_evaluation_with_its_primary_instrument_as_the_enum_name() => AssertReadAsync(
        new CourseEvaluated(Course, CourseResponse.Responder, CourseRecommendation.Maintenance, InstrumentCode.Phq9, 20, 9, 6, Clinician, When, "Sustained response"),
        $$"""
        {"CourseId":"{{Course}}","Response":1,"Recommendation":1,"PrimaryInstrument":"Phq9","BaselineTotal":20,"FinalTotal":9,
         "DosingSessions":6,"EvaluatedBy":"{{Clinician}}","EvaluatedAt":"{{At}}","Rationale":"Sustained response"}
        """);

    [Fact]
    public Task A_hold_released_before_the_waiver_existed_reads_as_no_waiver() => AssertReadAsync(
        new HoldReleased(Course, Patient, Measurement, "Reviewed in person", Clinician, When),
        $$"""
        {"CourseId":"{{Course}}","PatientId":"{{Patient}}","HoldId":"{{Measurement}}","Justification":"Reviewed in person",
         "PrescriberId":"{{Clinician}}","ReleasedAt":"{{At}}"}
        """);

    private async Task AssertReadAsync(object expected, string stored)
    {
        var read = await StoredEvents.ReadBackAsync(app.Host.Store, expected, stored);
        Assert.Equal(StoredEvents.Json(expected), StoredEvents.Json(read));
    }
}
