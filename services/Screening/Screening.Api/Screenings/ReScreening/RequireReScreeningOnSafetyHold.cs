using MassTransit;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Screening.Api.Screenings;

/// <summary>
/// A safety hold on a course closes the approval it was based on: the patient must be screened again before
/// any further dosing is approved. A hold that arrives before the approval is kept and applied when it lands.
/// </summary>
public sealed class RequireReScreeningOnSafetyHold(ISessionFactory sessions, ClinicClock clock, ScreeningProtocol protocol)
    : SafetyHoldConsumer<SafetyHoldPlaced>(sessions, clock, protocol)
{
    protected override Guid CourseId(SafetyHoldPlaced message) => message.CourseId;

    protected override EarlyMessage Early(SafetyHoldPlaced message, DateTimeOffset now) =>
        EarlyMessage.Of(message.CourseId, message.HoldId.ToString(), message, message.PlacedAt, now);
}

/// <summary>
/// A released hold with the prescriber's "re-screening not needed" is recorded as a waiver (the case is approved again);
/// a release without it changes nothing here: the case stays ReScreeningRequired and Scheduling refuses dosing.
/// </summary>
public sealed class RecordReScreeningWaiverOnRelease(ISessionFactory sessions, ClinicClock clock, ScreeningProtocol protocol)
    : SafetyHoldConsumer<SafetyHoldReleased>(sessions, clock, protocol)
{
    protected override Guid CourseId(SafetyHoldReleased message) => message.CourseId;

    protected override EarlyMessage Early(SafetyHoldReleased message, DateTimeOffset now) =>
        EarlyMessage.Of(message.CourseId, message.HoldId.ToString(), message, message.ReleasedAt, now);
}

/// <summary>
/// Screening hears its own approval once committed, to apply the holds that arrived before it; in v2 and in v1
/// (upcast), one handling path for both, since it publishes either or both by configuration.
/// </summary>
public sealed class ApplySafetyHoldsOnApproval(ISessionFactory sessions, ClinicClock clock, ScreeningProtocol protocol)
    : SafetyHoldConsumer<PatientApprovedForTreatmentV2>(sessions, clock, protocol), IConsumer<PatientApprovedForTreatment>
{
    /// <summary>v1, from a Screening that still publishes it: upcast at the boundary, deduplicated with its v2 copy.</summary>
    public Task Consume(ConsumeContext<PatientApprovedForTreatment> context) =>
        ConsumeAsync(context, PatientApprovedForTreatmentV2.From(context.Message));

    protected override Guid CourseId(PatientApprovedForTreatmentV2 message) => message.CourseId;
}
