using System.Diagnostics.CodeAnalysis;

namespace Scheduling.Api.Courses;

/// <summary>The facts every in-progress dosing session has, without null-forgiving at each use.</summary>
internal sealed record StartedDose(DosingRecord Record, CheckIn CheckIn, DateTimeOffset StartedAt, decimal DoseMg);

/// <summary>The check-in gates and the in-progress dose the dosing commands share.</summary>
internal static class DosingGates
{
    /// <summary>Every gate a check-in fails (blood pressure, fasting, ride home), so the record explains all of them.</summary>
    public static List<Rejection> Failed(CheckIn checkIn, SchedulingProtocol protocol)
    {
        var failed = new List<Rejection>();
        var bp = checkIn.PreDose;
        if (bp.Systolic > protocol.PreDoseMaxSystolic || bp.Diastolic > protocol.PreDoseMaxDiastolic)
        {
            failed.Add(new Rejection(
                RuleIds.BloodPressureAboveThreshold,
                $"Pre-dose blood pressure {bp.Systolic}/{bp.Diastolic} is above {protocol.PreDoseMaxSystolic}/{protocol.PreDoseMaxDiastolic}."));
        }

        if (!checkIn.FastingConfirmed)
        {
            failed.Add(new Rejection(RuleIds.FastingNotConfirmed, "Fasting (no food 2 h, no liquids 30 min) is not confirmed."));
        }

        if (!checkIn.RideHomeConfirmed)
        {
            failed.Add(new Rejection(RuleIds.RideHomeNotConfirmed, "A ride home is not confirmed; the patient must not drive."));
        }

        return failed;
    }

    public static bool TryInProgress(
        [NotNullWhen(true)] TreatmentCourse? state,
        Guid sessionId,
        [NotNullWhen(true)] out CourseSession? session,
        [NotNullWhen(true)] out StartedDose? dose,
        [NotNullWhen(false)] out Decision? refused)
    {
        dose = null;
        if (!CourseRefusals.TryFindSession(state, sessionId, dosingOnly: true, out session, out refused))
        {
            return false;
        }

        if (session.Status == SessionStatus.DoseInProgress
            && session.Dosing is { CheckIn: { } checkIn, DoseStartedAt: { } startedAt, DoseMg: { } mg } record)
        {
            dose = new StartedDose(record, checkIn, startedAt, mg);
            return true;
        }

        refused = Decision.Reject(RuleIds.DoseNotStarted, $"The dose has not started in this session (it is {session.Status}).");
        session = null;
        return false;
    }
}
