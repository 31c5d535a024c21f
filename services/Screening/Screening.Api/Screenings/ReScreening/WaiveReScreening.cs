namespace Screening.Api.Screenings;

/// <summary>
/// The prescriber who released safety hold <paramref name="HoldId"/> in Integration stated that re-screening is not
/// needed (<c>SafetyHoldReleased.ReScreeningNotNeeded</c>), with <paramref name="Reason"/>.
/// </summary>
public sealed record WaiveReScreening(Guid HoldId, string Reason, Guid? WaivedBy)
{
    /// <summary>
    /// Records the waiver and, when no other hold or expiry still requires re-screening, approves the case again on its
    /// original sign-off: the approval window, conditions and course stay those the prescriber signed. Honest because
    /// the same prescribing role that could have asked for a new screening decided, on the record, that none is needed.
    /// A hold this case never recorded (its notice not applied yet) or already waived accepts with no events.
    /// </summary>
    public static Decision Decide(WaiveReScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!ScreeningRefusals.Exists(state, out var refused))
        {
            return refused;
        }

        if (!state.ReScreeningHolds.Contains(command.HoldId) || state.Approval is null)
        {
            return Decision.Accept();
        }

        var stillRequired = state.ReScreeningHolds.Any(h => h != command.HoldId);
        return Decision.Accept(new ReScreeningWaived(
            state.Id, state.PatientId, state.Approval.CourseId, command.HoldId, command.Reason.Trim(), command.WaivedBy, !stillRequired, now.Utc));
    }
}
