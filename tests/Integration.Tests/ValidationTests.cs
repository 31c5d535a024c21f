using Microsoft.Extensions.Configuration;
using Platform.Contracts;
using Platform.ServiceDefaults.Protocol;
using static Integration.Tests.CourseFixture;

namespace Integration.Tests;

public class ValidationTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(3);

    [Theory]
    [InlineData(-61, true)]
    [InlineData(-60, false)]
    [InlineData(10_080, false)]
    [InlineData(10_081, true)]
    public void Onset_minutes_must_be_sane(int onset, bool invalid)
    {
        var request = AdverseEventRequest(AdverseEventSeverity.Mild) with { OnsetMinutesAfterDose = onset };

        Assert.Equal(invalid, request.Validate(Now).ToDictionary().ContainsKey("onsetMinutesAfterDose"));
    }

    private static RecordAdverseEventRequest AdverseEventRequest(AdverseEventSeverity severity) =>
        new(AdverseEventType.RespiratoryDepression, severity, Now, 30, null, null, "Observed", "Resolved");

    [Fact]
    public void Missing_type_severity_and_date_are_required_fields()
    {
        var errors = new RecordAdverseEventRequest(null, null, null, null, null, null, "Observed", "Resolved").Validate(Now).ToDictionary();

        Assert.Contains("type", errors.Keys);
        Assert.Contains("severity", errors.Keys);
        Assert.Contains("occurredAt", errors.Keys);
    }

    [Fact]
    public void Unknown_severity_and_type_are_field_errors()
    {
        var request = AdverseEventRequest((AdverseEventSeverity)42) with { Type = (AdverseEventType)99 };

        var errors = request.Validate(Now).ToDictionary();

        Assert.Contains("severity", errors.Keys);
        Assert.Contains("type", errors.Keys);
        Assert.Contains("severity", new GradeAdverseEventRequest((AdverseEventSeverity)7, "r").Validate().ToDictionary().Keys);
    }

    [Fact]
    public void Valid_adverse_event_has_no_errors()
    {
        Assert.False(AdverseEventRequest(AdverseEventSeverity.Severe).Validate(Now).Any);
    }

    [Fact]
    public void Integration_session_held_in_the_future_is_a_field_error()
    {
        var session = new HoldIntegrationSessionRequest(null, Now.AddMinutes(1), [], null);

        Assert.Contains("heldAt", session.Validate(Now).ToDictionary().Keys);
        Assert.False((session with { HeldAt = Now }).Validate(Now).Any);
    }

    [Theory]
    [InlineData(2000, false)]
    [InlineData(2001, true)]
    public void Justification_is_at_most_2000_characters(int length, bool invalid)
    {
        var errors = new ReleaseHoldRequest(null, new string('x', length)).Validate();

        Assert.Equal(invalid, errors.Any);
    }

    [Fact]
    public void Protocol_defaults_are_valid_and_bind_from_configuration()
    {
        Assert.False(IntegrationProtocol.Default.Validate().Any);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IntegrationProtocol:Version"] = "clinic-b-v2",
                ["IntegrationProtocol:Phq9WorseningPoints"] = "4",
                ["Clinic:IntegrationWindowHours"] = "48",
                ["Clinic:KetamineAssistedPsychotherapyInductionSessions"] = "3",
            })
            .Build();

        var bound = configuration.GetSection(IntegrationProtocol.SectionName).Get<IntegrationProtocol>()!;
        var clinic = configuration.GetSection(ClinicalProtocol.SectionName).Get<ClinicalProtocol>()!;

        Assert.Equal("IntegrationProtocol", IntegrationProtocol.SectionName);
        Assert.Equal("clinic-b-v2", bound.Version);
        Assert.Equal(4, bound.Phq9WorseningPoints);
        Assert.Equal(50, bound.ResponseDropPercent);
        Assert.Equal(TimeSpan.FromHours(48), clinic.IntegrationWindow);
        Assert.Equal(3, clinic.InductionSessionsFor(TreatmentRoute.KetamineAssistedPsychotherapy));
        Assert.Equal(6, clinic.InductionSessionsFor(TreatmentRoute.IvKetamine));
    }

    [Fact]
    public void Protocol_with_an_impossible_threshold_is_invalid()
    {
        Assert.Contains("ResponseDropPercent", (IntegrationProtocol.Default with { ResponseDropPercent = 0 }).Validate().ToDictionary().Keys);
    }

    [Fact]
    public void An_invalid_IntegrationProtocol_setting_is_refused_naming_the_setting()
    {
        var invalid = IntegrationProtocol.Default with { FourWeekCheckDay = 0 };

        var refused = Assert.Throws<InvalidOperationException>(() => ProtocolConfiguration.ThrowIfInvalid(invalid, IntegrationProtocol.SectionName));

        Assert.Contains("IntegrationProtocol:FourWeekCheckDay", refused.Message, StringComparison.Ordinal);
    }
}
