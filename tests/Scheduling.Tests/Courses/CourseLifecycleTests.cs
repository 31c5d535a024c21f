namespace Scheduling.Tests;

public class CourseLifecycleTests
{
    [Fact]
    public void Opening_a_course_derives_the_plan_from_the_route_and_is_idempotent()
    {
        var opened = OpenCourse.Decide(new OpenCourse(Approval(TreatmentRoute.KetamineAssistedPsychotherapy)), null, Now, Protocol);
        var e = Assert.IsType<CourseOpened>(Assert.Single(opened.Events));

        Assert.Equal(2, e.Plan.PreparationSessions);
        Assert.Equal(180, e.Plan.DosingBlockMinutes);
        Assert.Equal(2, e.Plan.MaxDosingPerRolling7Days);
        Assert.Equal(e.Plan.InductionDosingSessions, e.Plan.IntegrationSessions);
        Assert.Empty(OpenCourse.Decide(new OpenCourse(Approval()), Apply(null, opened), Now, Protocol).Events);
    }

    [Fact]
    public void Esketamine_plan_is_twice_weekly_then_weekly()
    {
        var plan = CoursePlan.For(TreatmentRoute.EsketamineNasalSpray, Protocol);

        Assert.Equal(12, plan.InductionDosingSessions);
        Assert.Equal(2, plan.WeeklyLimitForWeek(4));
        Assert.Equal(1, plan.WeeklyLimitForWeek(5));
    }

    [Fact]
    public void Matching_needs_a_licensed_therapist()
    {
        Rejected(MatchTherapist.Decide(new MatchTherapist(MedicalId), Opened(), Now, Protocol, Medical()), RuleIds.WrongRole);
        var expired = Therapist() with { Credentials = [new Credential(CredentialKind.License, null, new DateOnly(2025, 3, 2))] };
        Rejected(MatchTherapist.Decide(new MatchTherapist(TherapistId), Opened(), Now, Protocol, expired), RuleIds.CredentialExpired);

        var matched = MatchTherapist.Decide(new MatchTherapist(TherapistId), Opened(), Now, Protocol, Therapist());
        Assert.IsType<TherapistMatched>(Assert.Single(matched.Events));
        Assert.Empty(MatchTherapist.Decide(new MatchTherapist(TherapistId), Apply(Opened(), matched), Now, Protocol, Therapist()).Events);
    }

    [Fact]
    public void Rematching_is_refused_while_sessions_are_booked_with_the_current_therapist()
    {
        var course = BookDosing(Prepared(), Guid.NewGuid(), Now.AddDays(1));
        Rejected(MatchTherapist.Decide(new MatchTherapist(OtherTherapistId), course, Now, Protocol, Therapist(OtherTherapistId)), RuleIds.RematchWithBookings);
        Accepted(MatchTherapist.Decide(new MatchTherapist(OtherTherapistId), Prepared(), Now, Protocol, Therapist(OtherTherapistId)));
    }

    [Fact]
    public void Preparation_completes_with_the_second_session_held_with_the_matched_therapist()
    {
        var course = Matched();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        course = Apply(course,
            new SessionBooked(CourseId, first, SessionKind.Preparation, Now.AddHours(-3), Now.AddHours(-2), TherapistId, null, null, null, "v", Now.AddDays(-2)),
            new SessionBooked(CourseId, second, SessionKind.Preparation, Now.AddHours(-1), Now, TherapistId, null, null, null, "v", Now.AddDays(-2)));

        var afterFirst = MarkSessionHeld.Decide(new MarkSessionHeld(first), course, Now, Protocol);
        Assert.IsType<SessionHeld>(Assert.Single(afterFirst.Events));
        course = Apply(course, afterFirst);

        var afterSecond = MarkSessionHeld.Decide(new MarkSessionHeld(second), course, Now, Protocol);
        var completed = Assert.IsType<PreparationPhaseCompleted>(afterSecond.Events[1]);
        Assert.Equal(2, completed.SessionsHeld);
        Assert.True(Apply(course, afterSecond).IsPreparationComplete);
    }

    [Fact]
    public void Sessions_cannot_be_marked_held_before_they_start_and_dosing_is_never_marked_held()
    {
        var id = Guid.NewGuid();
        var course = Apply(Matched(), new SessionBooked(CourseId, id, SessionKind.Preparation, Now.AddHours(1), Now.AddHours(2), TherapistId, null, null, null, "v", Now));
        Rejected(MarkSessionHeld.Decide(new MarkSessionHeld(id), course, Now, Protocol), RuleIds.SessionNotStarted);

        var dosingId = Guid.NewGuid();
        Rejected(MarkSessionHeld.Decide(new MarkSessionHeld(dosingId), BookDosing(Prepared(), dosingId, Now.AddHours(-1)), Now, Protocol), RuleIds.WrongSessionKind);
    }

    [Fact]
    public void Cancelling_within_24_hours_is_late_and_earlier_is_not()
    {
        var soon = Guid.NewGuid();
        var later = Guid.NewGuid();
        var course = BookDosing(BookDosing(Prepared(), soon, Now.AddHours(23)), later, Now.AddHours(72));

        var lateCancel = Assert.IsType<BookingCancelled>(Assert.Single(
            CancelSession.Decide(new CancelSession(soon, "flu", CancellationInitiator.Patient), course, Now, Protocol).Events));
        var earlyCancel = Assert.IsType<BookingCancelled>(Assert.Single(
            CancelSession.Decide(new CancelSession(later, "travel", CancellationInitiator.Patient), course, Now, Protocol).Events));

        Assert.True(lateCancel.LateCancellation);
        Assert.False(earlyCancel.LateCancellation);
        var cancelled = Apply(course, lateCancel);
        Assert.Empty(CancelSession.Decide(new CancelSession(soon, "flu", CancellationInitiator.Patient), cancelled, Now, Protocol).Events);
    }

    [Fact]
    public void No_show_is_recorded_only_once_the_session_should_have_started()
    {
        var id = Guid.NewGuid();
        var course = BookDosing(Prepared(), id, Now.AddHours(1));

        Rejected(MarkNoShow.Decide(new MarkNoShow(id), course, Now, Protocol), RuleIds.SessionNotStarted);
        var noShow = MarkNoShow.Decide(new MarkNoShow(id), course, Now.AddHours(1).AddMinutes(20), Protocol);
        Assert.IsType<PatientMarkedNoShow>(Assert.Single(noShow.Events));
        Assert.Equal(SessionStatus.NoShow, Apply(course, noShow).FindSession(id)!.Status);
    }

    [Fact]
    public void Rescheduling_rechecks_the_rules_without_colliding_with_the_old_slot()
    {
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        var course = BookDosing(BookDosing(Prepared(), id, Now.AddDays(1)), other, Now.AddDays(3));

        var moved = RescheduleSession.Decide(new RescheduleSession(id, Now.AddDays(1).AddHours(1), Now.AddDays(1).AddHours(3), TherapistId, MedicalId, RoomId), course, Now, Protocol, DosingResources());
        var e = Assert.IsType<SessionRescheduled>(Assert.Single(moved.Events));
        Assert.Equal(Now.AddDays(1), e.PreviousStart);

        var tooClose = RescheduleSession.Decide(new RescheduleSession(id, Now.AddDays(2).AddHours(12), Now.AddDays(2).AddHours(14), TherapistId, MedicalId, RoomId), course, Now, Protocol, DosingResources());
        Rejected(tooClose, RuleIds.DosingSpacing);
    }

    [Fact]
    public void Safety_hold_cancels_only_future_booked_dosing_sessions()
    {
        var inProgress = Guid.NewGuid();
        var future1 = Guid.NewGuid();
        var future2 = Guid.NewGuid();
        var integration = Guid.NewGuid();
        var course = DoseStartedAt(Prepared(), inProgress, Now.AddMinutes(-30));
        course = BookDosing(course, future1, Now.AddDays(2));
        course = BookDosing(course, future2, Now.AddDays(4));
        course = Apply(course, new SessionBooked(CourseId, integration, SessionKind.Integration, Now.AddDays(1), Now.AddDays(1).AddHours(1), TherapistId, null, null, null, "v", Now));
        var holdId = Guid.NewGuid();

        var decision = ApplySafetyHold.Decide(new ApplySafetyHold(holdId, "severe dissociation", Now), course, Now, Protocol);

        Assert.IsType<SafetyHoldApplied>(decision.Events[0]);
        var cancelled = decision.Events.OfType<BookingCancelled>().ToList();
        Assert.Equal(new[] { future1, future2 }.Order(), cancelled.Select(c => c.SessionId).Order());
        Assert.All(cancelled, c => Assert.Equal(holdId, c.SafetyHoldId));
        Assert.All(cancelled, c => Assert.Contains("severe dissociation", c.Reason));
        Assert.DoesNotContain(cancelled, c => c.SessionId == inProgress || c.SessionId == integration);

        var held = Apply(course, decision);
        Assert.Empty(ApplySafetyHold.Decide(new ApplySafetyHold(holdId, "duplicate", Now), held, Now, Protocol).Events);
        var lifted = LiftSafetyHold.Decide(new LiftSafetyHold(holdId, Now.AddDays(1)), held, Now.AddDays(1), Protocol);
        Assert.False(Apply(held, lifted).IsOnHold);
    }

    [Fact]
    public void Closing_the_course_cancels_future_dosing_and_refuses_further_bookings()
    {
        var future = Guid.NewGuid();
        var course = BookDosing(Prepared(), future, Now.AddDays(2));

        var decision = CloseCourse.Decide(new CloseCourse("course completed: remitter"), course, Now, Protocol);
        Assert.Equal(future, Assert.IsType<BookingCancelled>(decision.Events[0]).SessionId);
        Assert.IsType<TreatmentCourseClosed>(decision.Events[1]);

        var closed = Apply(course, decision);
        Assert.Empty(CloseCourse.Decide(new CloseCourse("again"), closed, Now, Protocol).Events);
        Rejected(MatchTherapist.Decide(new MatchTherapist(OtherTherapistId), closed, Now, Protocol, Therapist(OtherTherapistId)), RuleIds.CourseClosed);
    }

    [Fact]
    public void Evolve_ignores_unknown_events_and_events_before_the_course_opened()
    {
        Assert.Null(TreatmentCourse.Evolve(null, new TherapistMatched(CourseId, TherapistId, null, Now)));
        var course = Opened();
        Assert.Same(course, TreatmentCourse.Evolve(course, "something else"));
    }

    [Fact]
    public void Progress_counts_planned_held_and_remaining_and_says_what_is_due_next()
    {
        var progress = CourseProgressCalculator.Calculate(Matched(), Now, Protocol);
        Assert.Equal(SessionKind.Preparation, progress.NextDue!.Kind);
        Assert.Equal(2, progress.Preparation.Remaining);

        var dosed = Guid.NewGuid();
        var course = DoseStartedAt(Prepared(), dosed, Now.AddHours(-3));
        course = Apply(course,
            new PatientDischarged(CourseId, dosed, new VitalsReading(120, 80, 70, Now.AddHours(-1)), true, true, MedicalId, "v", Now.AddHours(-1)),
            new DosingSessionConcluded(CourseId, dosed, 1, TreatmentRoute.IvKetamine, 35m, Now.AddHours(-3), Now.AddHours(-1),
                new VitalsReading(120, 80, 70, Now.AddHours(-3)), null, new VitalsReading(120, 80, 70, Now.AddHours(-1)), null, TherapistId, MedicalId, null));

        progress = CourseProgressCalculator.Calculate(course, Now, Protocol);
        Assert.True(progress.PreparationComplete);
        Assert.Equal(1, progress.Dosing.Held);
        Assert.Equal(5, progress.Dosing.Remaining);
        Assert.Equal(SessionKind.Integration, progress.NextDue!.Kind);
        Assert.Equal(Now.AddHours(-1).AddHours(72), progress.NextDue.DueBy);

        course = Apply(course, new SessionBooked(CourseId, Guid.NewGuid(), SessionKind.Integration, Now.AddDays(1), Now.AddDays(1).AddHours(1), TherapistId, null, null, null, "v", Now));
        progress = CourseProgressCalculator.Calculate(course, Now, Protocol);
        Assert.Equal(SessionKind.Dosing, progress.NextDue!.Kind);
        Assert.Equal(Now.AddHours(-3).AddHours(24), progress.NextDue.NotBefore);
    }

    [Fact]
    public void A_course_opens_on_every_hold_that_arrived_before_it_and_not_on_released_ones()
    {
        var active = new EarlySafetyHold(Guid.NewGuid(), CourseId, "severe dissociation", Now.AddHours(-2), null);
        var released = new EarlySafetyHold(Guid.NewGuid(), CourseId, "pregnancy reported", Now.AddHours(-3), Now.AddHours(-1));
        var releaseOnly = new EarlySafetyHold(Guid.NewGuid(), CourseId, null, null, Now.AddHours(-1));

        var decision = EarlySafetyHold.OpenOnHold(
            OpenCourse.Decide(new OpenCourse(Approval()), null, Now, Protocol), [released, active, releaseOnly], null, Now, Protocol);
        var course = Apply(null, decision);

        Assert.Equal(active.Id, Assert.Single(course.ActiveHolds).HoldId);
        Assert.Equal(released.Id, course.ReScreeningRequiredAfterHold);
        Assert.Empty(EarlySafetyHold.OpenOnHold(OpenCourse.Decide(new OpenCourse(Approval()), course, Now, Protocol), [active], course, Now, Protocol).Events);
    }
}
