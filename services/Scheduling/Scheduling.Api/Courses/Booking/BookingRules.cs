namespace Scheduling.Api.Courses;

/// <summary>
/// The checks a new or moved session must pass. <paramref name="course"/> in each check is the course
/// without the session being moved, so a session never collides with its own old slot.
/// </summary>
internal static class BookingRules
{
    /// <summary>
    /// What booking and rescheduling both ask of the requested start and end: a block that ends before it starts is
    /// refused here (a <see cref="UtcInterval"/> cannot hold it), then every rule of <see cref="Check"/>.
    /// </summary>
    public static Decision? CheckBlock(
        TreatmentCourse course,
        SessionKind kind,
        DateTimeOffset start,
        DateTimeOffset end,
        Guid therapistId,
        Guid? medicalProfessionalId,
        Guid? roomId,
        BookingResources resources,
        DateTimeOffset now,
        SchedulingProtocol protocol) =>
        end <= start
            ? Decision.Reject(RuleIds.InvalidBlock, "The session must end after it starts.")
            : Check(course, kind, new UtcInterval(start, end), therapistId, medicalProfessionalId, roomId, resources, now, protocol);

    public static Decision? Check(
        TreatmentCourse course,
        SessionKind kind,
        UtcInterval block,
        Guid therapistId,
        Guid? medicalProfessionalId,
        Guid? roomId,
        BookingResources resources,
        DateTimeOffset now,
        SchedulingProtocol protocol)
    {
        EnsureFactsMatch(therapistId, medicalProfessionalId, roomId, resources);
        return CourseProblem(course, kind, block, therapistId, now, protocol)
            ?? ResourceProblem(kind, block, resources, protocol)
            ?? AvailabilityProblem(block, resources);
    }

    /// <summary>
    /// Every rule that depends on the course and the block alone (not on which staff or room sit it). Booking runs
    /// it inside <see cref="Check"/>; the free-slot finder runs it on each candidate block, so it never offers a
    /// block booking would refuse for the course.
    /// </summary>
    public static Decision? CourseProblem(
        TreatmentCourse course, SessionKind kind, UtcInterval block, Guid therapistId, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (block.IsEmpty)
        {
            return Decision.Reject(RuleIds.InvalidBlock, "The session must end after it starts.");
        }

        if (block.Start < now)
        {
            return Decision.Reject(RuleIds.StartInPast, "A session cannot be booked in the past.");
        }

        if (!course.AnyDoseStarted && (now > course.ApprovalValidUntil || block.Start > course.ApprovalValidUntil))
        {
            return Decision.Reject(
                RuleIds.ApprovalExpired,
                $"The approval is valid until {course.ApprovalValidUntil:u} and no dose has started; the patient must be re-screened.");
        }

        if (kind == SessionKind.Dosing && CourseRefusals.DosingBlocked(course) is { } refused)
        {
            return refused;
        }

        // Preparation exists to build trust with the therapist who will sit the dosing sessions.
        if (kind != SessionKind.Integration && (course.TherapistId is null || course.TherapistId != therapistId))
        {
            return Decision.Reject(
                RuleIds.TherapistNotMatched,
                course.TherapistId is null
                    ? "Match a therapist to the course before booking preparation or dosing."
                    : $"{kind} sessions must be with the matched therapist {course.TherapistId}.");
        }

        return LengthProblem(kind, block, course, protocol)
            ?? (kind == SessionKind.Dosing ? DosingProblem(course, block, protocol) : null)
            ?? PatientOverlap(course, block);
    }

    /// <summary>
    /// Whether one staff member may sit a session in the given seat on the clinic-local day it ends: role, active,
    /// licence, and ACLS for the medical professional when the protocol asks for it.
    /// </summary>
    public static Decision? MemberProblem(StaffMember member, bool asMedicalProfessional, DateOnly lastDay, SchedulingProtocol protocol)
    {
        if (asMedicalProfessional ? !member.CanSitAsMedicalProfessional : !member.CanSitAsTherapist)
        {
            return Decision.Reject(
                RuleIds.WrongRole,
                asMedicalProfessional
                    ? $"{member.DisplayName} is a {member.Role} and cannot sit a session as the medical professional."
                    : $"{member.DisplayName} is a {member.Role}, not a therapist.");
        }

        if (!member.Active)
        {
            return Decision.Reject(RuleIds.ResourceInactive, "A named staff member or room is inactive.");
        }

        return CredentialProblem(member, CredentialKind.License, lastDay)
            ?? (asMedicalProfessional && protocol.RequireAclsForMedicalProfessional
                ? CredentialProblem(member, CredentialKind.Acls, lastDay)
                : null);
    }

    public static Decision? CredentialProblem(StaffMember member, CredentialKind kind, DateOnly neededOn)
    {
        var expiry = member.ExpiryOf(kind);
        if (expiry is null)
        {
            return Decision.Reject(RuleIds.CredentialMissing, $"{member.DisplayName} has no {kind} on file.");
        }

        return expiry < neededOn
            ? Decision.Reject(RuleIds.CredentialExpired, $"{member.DisplayName}'s {kind} expired on {expiry:yyyy-MM-dd}.")
            : null;
    }

    /// <summary>Dosing sessions that count towards spacing and weekly limits: booked, in progress or done.</summary>
    public static IEnumerable<DateTimeOffset> ActiveDosingStarts(TreatmentCourse course) =>
        course.Sessions.Where(s => s.Kind == SessionKind.Dosing && s.IsActive).Select(s => s.Start);

    private static void EnsureFactsMatch(Guid therapistId, Guid? medicalId, Guid? roomId, BookingResources resources)
    {
        if (resources.Therapist.Member.Id != therapistId
            || resources.MedicalProfessional?.Member.Id != medicalId
            || resources.Room?.Room.Id != roomId)
        {
            throw new ArgumentException("The resource facts do not belong to the resources named in the command.", nameof(resources));
        }
    }

    private static Decision? ResourceProblem(SessionKind kind, UtcInterval block, BookingResources resources, SchedulingProtocol protocol)
    {
        var medical = resources.MedicalProfessional?.Member;
        var room = resources.Room?.Room;
        if (kind == SessionKind.Dosing && (medical is null || room is null))
        {
            return Decision.Reject(
                RuleIds.ResourceRequired, "A dosing session needs a therapist, a medical professional and a room for the whole block.");
        }

        if (room is { Active: false })
        {
            return Decision.Reject(RuleIds.ResourceInactive, "A named staff member or room is inactive.");
        }

        // A credential must still be valid on the clinic-local day the session ends.
        var lastDay = AvailabilityCalculator.LocalDate(block.End, protocol.ResolveTimeZone());
        return MemberProblem(resources.Therapist.Member, asMedicalProfessional: false, lastDay, protocol)
            ?? (medical is null ? null : MemberProblem(medical, asMedicalProfessional: true, lastDay, protocol));
    }

    private static Decision? LengthProblem(SessionKind kind, UtcInterval block, TreatmentCourse course, SchedulingProtocol protocol)
    {
        var minimum = kind switch {
            SessionKind.Dosing => TimeSpan.FromMinutes(Math.Max(RouteProtocol.MinimumDosingBlockMinutes, course.Plan.DosingBlockMinutes)),
            SessionKind.Preparation => TimeSpan.FromMinutes(protocol.PreparationBlockMinutes),
            _ => TimeSpan.FromMinutes(protocol.IntegrationBlockMinutes),
        };
        return block.Duration < minimum
            ? Decision.Reject(
                RuleIds.BlockTooShort,
                $"A {kind} session for this course needs at least {minimum.TotalMinutes:0} minutes; the block has {block.Duration.TotalMinutes:0}.")
            : null;
    }

    private static Decision? AvailabilityProblem(UtcInterval block, BookingResources resources)
    {
        var unavailable = new List<string>();
        if (!Intervals.Covers(resources.Therapist.Availability, block))
        {
            unavailable.Add($"therapist {resources.Therapist.Member.DisplayName}");
        }

        if (resources.MedicalProfessional is { } medical && !Intervals.Covers(medical.Availability, block))
        {
            unavailable.Add($"medical professional {medical.Member.DisplayName}");
        }

        if (resources.Room is { } room && !Intervals.Covers(room.Availability, block))
        {
            unavailable.Add($"room {room.Room.Name}");
        }

        return unavailable.Count > 0
            ? Decision.Reject(RuleIds.OutsideAvailability, $"Not available for the whole block: {string.Join(", ", unavailable)}.")
            : null;
    }

    private static Decision? DosingProblem(TreatmentCourse course, UtcInterval block, SchedulingProtocol protocol)
    {
        // Booking ahead is allowed when enough preparation sessions with the matched therapist end before the
        // dose; the dose itself still needs them held (checked again at dose start).
        var preparedBefore = course.Sessions.Count(s =>
            s.Kind == SessionKind.Preparation
            && s.TherapistId == course.TherapistId
            && (s.Status == SessionStatus.Held || (s.Status == SessionStatus.Booked && s.End <= block.Start)));
        if (!course.IsPreparationComplete && preparedBefore < course.Plan.PreparationSessions)
        {
            return Decision.Reject(
                RuleIds.PreparationIncomplete,
                $"{course.Plan.PreparationSessions} preparation sessions with the matched therapist must come before the first dosing session; {preparedBefore} do.");
        }

        var starts = ActiveDosingStarts(course).ToList();
        var spacing = TimeSpan.FromHours(course.Plan.MinimumHoursBetweenDosing);
        if (starts.Any(s => (s - block.Start).Duration() < spacing))
        {
            return Decision.Reject(
                RuleIds.DosingSpacing,
                $"Dosing sessions of this course must start at least {course.Plan.MinimumHoursBetweenDosing} hours apart.");
        }

        var first = starts.Count == 0 ? block.Start : starts.Append(block.Start).Min();
        var week = (int)((block.Start - first).Ticks / TimeSpan.TicksPerDay / 7) + 1;
        var limit = course.Plan.WeeklyLimitForWeek(week);
        var busiest = BusiestRolling7Days(starts, block.Start);
        if (busiest > limit)
        {
            return Decision.Reject(
                RuleIds.WeeklyLimit,
                $"{course.Route} allows {limit} dosing sessions in any 7 days in course week {week} (protocol {protocol.Version}); this would make {busiest}.");
        }

        return null;
    }

    /// <summary>The most dosing sessions in any 7-day window that contains the candidate.</summary>
    private static int BusiestRolling7Days(IReadOnlyList<DateTimeOffset> existing, DateTimeOffset candidate)
    {
        var week = TimeSpan.FromDays(7);
        var all = existing.Append(candidate).ToList();
        var busiest = 0;
        foreach (var windowStart in all.Where(a => a <= candidate && candidate - a < week))
        {
            var count = all.Count(s => s >= windowStart && s - windowStart < week);
            busiest = Math.Max(busiest, count);
        }

        return busiest;
    }

    /// <summary>The patient cannot be in two sessions at once, whatever the staff calendars say.</summary>
    private static Decision? PatientOverlap(TreatmentCourse course, UtcInterval block)
    {
        var clash = course.Sessions.FirstOrDefault(s => s.Status == SessionStatus.Booked && s.Block.Overlaps(block));
        return clash is null
            ? null
            : Decision.Reject(RuleIds.PatientOverlap, $"The patient already has a {clash.Kind} session {clash.SessionId} at that time.");
    }
}
