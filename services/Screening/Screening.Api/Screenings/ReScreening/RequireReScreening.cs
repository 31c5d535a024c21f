namespace Screening.Api.Screenings;

/// <summary>From a safety hold (with its id) or an expired approval: the patient must be screened again.</summary>
public sealed record RequireReScreening(string Reason, Guid? HoldId = null)
{
    public FieldErrors Validate() =>
        new FieldErrors().RequiredText(Reason, "reason", ApproveScreening.MaxJustificationLength);

    /// <summary>
    /// Idempotent: a hold already recorded (or already waived) accepts with no events, so a redelivered safety hold
    /// is harmless; a second hold on a flagged case is recorded too, so waiving the first does not approve the case
    /// again. Only an approved case can need re-screening; an open case is simply re-evaluated instead.
    /// </summary>
    public static Decision Decide(RequireReScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (!ScreeningRefusals.Exists(state, out var refused))
        {
            return refused;
        }

        var known = command.HoldId is { } holdId
            ? state.ReScreeningHolds.Contains(holdId) || state.WaivedHolds.Contains(holdId)
            : state.Status == ScreeningStatus.ReScreeningRequired;
        if (known)
        {
            return Decision.Accept();
        }

        if (state.Status is not (ScreeningStatus.Approved or ScreeningStatus.ReScreeningRequired))
        {
            return Decision.Reject(RuleIds.NotApproved, $"The screening is {state.Status}: only an approved screening can require re-screening.");
        }

        return Decision.Accept(new ReScreeningRequired(
            state.Id,
            state.PatientId,
            state.Approval?.CourseId,
            command.HoldId,
            command.Reason.Trim(),
            now.Utc));
    }
}
