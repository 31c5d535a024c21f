using Platform.Contracts;
using Platform.Instruments;
using Screening.Api.Screenings;

namespace Screening.IntegrationTests;

/// <summary>
/// Every Screening event type whose shape changed is read by today's code from the JSON the earlier release stored
/// (Marten wrote names as declared and enums as numbers): an instrument as its number, baseline scores with their
/// instrument as a free string.
/// </summary>
public sealed class StoredEventUpgradeTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    private static readonly Guid Screening = Guid.Parse("0b6f2a52-1c1e-4f3a-9d0e-5a1f4b2c3d01");
    private static readonly Guid Clinician = Guid.Parse("0b6f2a52-1c1e-4f3a-9d0e-5a1f4b2c3d02");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_instrument_stored_as_its_number_reads_as_its_code()
    {
        var expected = new InstrumentAdministered(
            Screening, InstrumentCode.CssrsScreener, "C-SSRS Screener", [1, 1, 0, 0, 0, 0], false, 2, "Moderate",
            SuicideRiskLevel.Moderate, null, At, Clinician, At);

        var read = await StoredEvents.ReadBackAsync(app.Host.Store, expected, $$"""
            {"ScreeningId":"{{Screening}}","Instrument":3,"InstrumentName":"C-SSRS Screener","Items":[1,1,0,0,0,0],
             "BehaviourWithinPastThreeMonths":false,"Total":2,"Band":"Moderate","RiskLevel":2,"LoincCode":null,
             "AdministeredAt":"2026-03-02T15:30:00+00:00","RecordedBy":"{{Clinician}}","RecordedAt":"2026-03-02T15:30:00+00:00"}
            """);

        Assert.Equal(StoredEvents.Json(expected), StoredEvents.Json(read));
    }

    [Fact]
    public async Task Baseline_scores_stored_with_the_instrument_as_a_string_read_as_codes()
    {
        var course = Guid.NewGuid();
        var patient = Guid.NewGuid();
        var expected = new ScreeningApproved(
            Screening, course, patient, Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine,
            EligibilityOutcome.EligibleWithConditions, ["SCR-BP-CONTROLLED"], [new ApprovalCondition("SCR-BP-CONTROLLED", "Blood pressure checked before each dose")],
            [new InstrumentScore(InstrumentCode.Phq9, 19, "Moderately severe", At), new InstrumentScore(InstrumentCode.CssrsScreener, 0, "None", At)],
            82.5m, Clinician, null, At, At.AddDays(90), "2026.1");

        var read = await StoredEvents.ReadBackAsync(app.Host.Store, expected, $$"""
            {"ScreeningId":"{{Screening}}","CourseId":"{{course}}","PatientId":"{{patient}}","Indication":0,"Route":0,
             "OutcomeAtSignOff":1,"RuleIdsAtSignOff":["SCR-BP-CONTROLLED"],
             "Conditions":[{"RuleId":"SCR-BP-CONTROLLED","Description":"Blood pressure checked before each dose"}],
             "BaselineScores":[{"Instrument":"Phq9","Total":19,"Band":"Moderately severe","AdministeredAt":"2026-03-02T15:30:00+00:00"},
                               {"Instrument":"C-SSRS","Total":0,"Band":"None","AdministeredAt":"2026-03-02T15:30:00+00:00"}],
             "WeightKg":82.5,"PrescriberId":"{{Clinician}}","Justification":null,"ApprovedAt":"2026-03-02T15:30:00+00:00",
             "ValidUntil":"2026-05-31T15:30:00+00:00","ProtocolVersion":"2026.1"}
            """);

        Assert.Equal(StoredEvents.Json(expected), StoredEvents.Json(read));
    }
}
