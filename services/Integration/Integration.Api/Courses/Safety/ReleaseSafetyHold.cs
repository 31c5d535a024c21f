using System.ComponentModel.DataAnnotations;

namespace Integration.Api.Courses;

/// <summary>
/// Releases the course's active safety hold (or the named one). The justification is required and stays in this
/// service: it is clinical text and is not published. A hold closes the approval the course was based on, so after a
/// release the course cannot dose until the patient is screened and signed off again, unless the prescriber states
/// that re-screening is not needed (<c>reScreeningNotNeeded: true</c>) and why (<c>reScreeningWaiverReason</c>).
/// </summary>
public sealed record ReleaseHoldRequest(
    [property: MaxLength(TextLimits.MaxJustificationLength)] string? Justification,
    Guid? HoldId = null,
    bool ReScreeningNotNeeded = false,
    [property: MaxLength(TextLimits.MaxJustificationLength)] string? ReScreeningWaiverReason = null)
{
    public FieldErrors Validate() =>
        new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(Justification), "justification", "must not be empty")
            .Require(TextLimits.Within(Justification, TextLimits.MaxJustificationLength), "justification", $"must be at most {TextLimits.MaxJustificationLength} characters")
            .Require(
                !ReScreeningNotNeeded || !string.IsNullOrWhiteSpace(ReScreeningWaiverReason),
                "reScreeningWaiverReason", "is required when reScreeningNotNeeded is true")
            .Require(
                ReScreeningNotNeeded || ReScreeningWaiverReason is null,
                "reScreeningWaiverReason", "is only accepted with reScreeningNotNeeded: true")
            .Require(
                TextLimits.Within(ReScreeningWaiverReason, TextLimits.MaxJustificationLength),
                "reScreeningWaiverReason", $"must be at most {TextLimits.MaxJustificationLength} characters");
}

/// <summary>Only a prescriber may send this; the role is checked at HTTP. A null hold id means the active hold.</summary>
public sealed record ReleaseSafetyHold(
    Guid CourseId,
    Guid? HoldId,
    string Justification,
    Guid PrescriberId,
    bool ReScreeningNotNeeded = false,
    string? ReScreeningWaiverReason = null)
{
    public static Decision Decide(ReleaseSafetyHold command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(command.Justification))
        {
            return Decision.Reject(RuleIds.HoldJustificationRequired, "Releasing a safety hold requires the prescriber's justification.");
        }

        if (command.ReScreeningNotNeeded && string.IsNullOrWhiteSpace(command.ReScreeningWaiverReason))
        {
            return Decision.Reject(
                RuleIds.ReScreeningWaiverReasonRequired, "Waiving re-screening requires the prescriber's reason.");
        }

        var hold = command.HoldId is { } holdId
            ? state.Holds.FirstOrDefault(h => h.HoldId == holdId && h.IsActive)
            : state.ActiveHold;
        if (hold is null)
        {
            return Decision.Reject(
                RuleIds.NoActiveHold,
                command.HoldId is { } id ? $"Hold {id} is not an active hold of this course." : "The course has no active safety hold.");
        }

        return Decision.Accept(new HoldReleased(
            command.CourseId, state.PatientId, hold.HoldId, command.Justification.Trim(), command.PrescriberId, now.Utc,
            command.ReScreeningNotNeeded, command.ReScreeningNotNeeded ? command.ReScreeningWaiverReason?.Trim() : null));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/holds/release", Handle)
            .AsCommand("Safety holds", "Release the course's active safety hold (prescribers only, justification required)", Roles.Prescriber);

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, ReleaseHoldRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new ReleaseSafetyHold(
            courseId, body.HoldId, body.Justification ?? string.Empty, clinician.Id, body.ReScreeningNotNeeded, body.ReScreeningWaiverReason);

        // The record id is the hold released; Decide resolves "the active hold" when none is named.
        Guid? released = null;
        return await context.RecordOnCourseAsync(
            courseId,
            state =>
            {
                var decision = Decide(command, state, now, protocol);
                released = decision.Events.OfType<HoldReleased>().FirstOrDefault()?.HoldId;
                return decision;
            },
            () => released ?? command.HoldId ?? Guid.Empty,
            body.Validate());
    }
}
