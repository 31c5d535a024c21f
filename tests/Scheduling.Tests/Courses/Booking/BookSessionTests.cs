namespace Scheduling.Tests;

public class BookSessionTests
{
    private static readonly DateTimeOffset Tomorrow = Now.AddDays(1);

    private static Platform.Commands.Decision Book(
        TreatmentCourse? course, BookSession command, BookingResources? resources = null, DateTimeOffset? now = null, SchedulingProtocol? protocol = null) =>
        BookSession.Decide(command, course, At(now ?? Now), protocol ?? Protocol, resources ?? DosingResources());

    [Fact]
    public void Dosing_is_booked_when_every_rule_passes()
    {
        var decision = Book(Prepared(), Dosing(Guid.NewGuid(), Tomorrow));

        var booked = Assert.IsType<SessionBooked>(Assert.Single(decision.Events));
        Assert.Equal(1, booked.DosingNumber);
        Assert.Equal(Protocol.Version, booked.ProtocolVersion);
    }

    [Fact]
    public void Approval_expired_refuses_booking_and_a_valid_one_allows_it()
    {
        Rejected(Book(Prepared(validUntil: Now.AddHours(-1)), Dosing(Guid.NewGuid(), Tomorrow)), RuleIds.ApprovalExpired);
        Rejected(Book(Prepared(validUntil: Now.AddHours(12)), Dosing(Guid.NewGuid(), Tomorrow)), RuleIds.ApprovalExpired);
        Accepted(Book(Prepared(validUntil: Tomorrow.AddHours(1)), Dosing(Guid.NewGuid(), Tomorrow)));
    }

    [Fact]
    public void Approval_only_limits_the_time_before_the_first_dose()
    {
        var course = DoseStartedAt(Prepared(validUntil: Now.AddDays(1)), Guid.NewGuid(), Now.AddDays(-1));

        Accepted(Book(course, Dosing(Guid.NewGuid(), Now.AddDays(3))));
    }

    [Fact]
    public void Safety_hold_refuses_dosing_but_not_integration_and_lifting_it_allows_dosing()
    {
        var holdId = Guid.NewGuid();
        var held = Apply(Prepared(), new SafetyHoldApplied(CourseId, holdId, "serious adverse event", Now, Now));

        Rejected(Book(held, Dosing(Guid.NewGuid(), Tomorrow)), RuleIds.SafetyHold);
        Accepted(Book(held, new BookSession(Guid.NewGuid(), SessionKind.Integration, Tomorrow, Tomorrow.AddHours(1), TherapistId), TherapyResources()));
        Accepted(Book(Apply(held, new SafetyHoldLifted(CourseId, holdId, Now, ReScreeningWaived: true)), Dosing(Guid.NewGuid(), Tomorrow)));
    }

    [Fact]
    public void Preparation_incomplete_refuses_dosing()
    {
        Rejected(Book(Matched(), Dosing(Guid.NewGuid(), Tomorrow)), RuleIds.PreparationIncomplete);
    }

    [Fact]
    public void Dosing_may_be_booked_ahead_when_enough_preparation_is_booked_before_it()
    {
        var course = Matched();
        foreach (var day in new[] { 1, 2 })
        {
            course = Apply(course, BookSession.Decide(new BookSession(Guid.NewGuid(), SessionKind.Preparation, Now.AddDays(day), Now.AddDays(day).AddHours(1), TherapistId),
                course, At(Now), Protocol, TherapyResources()));
        }

        Rejected(Book(course, Dosing(Guid.NewGuid(), Now.AddDays(1).AddHours(3))), RuleIds.PreparationIncomplete);
        Accepted(Book(course, Dosing(Guid.NewGuid(), Now.AddDays(3))));
    }

    [Fact]
    public void Preparation_and_dosing_need_the_matched_therapist()
    {
        Rejected(Book(Opened(), new BookSession(Guid.NewGuid(), SessionKind.Preparation, Tomorrow, Tomorrow.AddHours(1), TherapistId), TherapyResources()),
            RuleIds.TherapistNotMatched);

        var other = Therapist(OtherTherapistId);
        var dosingWithOther = Dosing(Guid.NewGuid(), Tomorrow) with { TherapistId = OtherTherapistId };
        Rejected(Book(Prepared(), dosingWithOther, DosingResources(therapist: other)), RuleIds.TherapistNotMatched);

        Accepted(Book(Matched(), new BookSession(Guid.NewGuid(), SessionKind.Preparation, Tomorrow, Tomorrow.AddHours(1), TherapistId), TherapyResources()));
    }

    [Fact]
    public void Iv_dosing_sessions_must_be_24_hours_apart()
    {
        var course = BookDosing(Prepared(), Guid.NewGuid(), Tomorrow);

        Rejected(Book(course, Dosing(Guid.NewGuid(), Tomorrow.AddHours(23))), RuleIds.DosingSpacing);
        Accepted(Book(course, Dosing(Guid.NewGuid(), Tomorrow.AddHours(24))));
    }

    [Fact]
    public void Cancelled_sessions_do_not_count_for_spacing()
    {
        var id = Guid.NewGuid();
        var course = BookDosing(Prepared(), id, Tomorrow);
        course = Apply(course, new BookingCancelled(CourseId, id, SessionKind.Dosing, Tomorrow, "sick", CancellationInitiator.Patient, false, null, "v", Now));

        Accepted(Book(course, Dosing(Guid.NewGuid(), Tomorrow.AddHours(3))));
    }

    [Theory]
    [InlineData(TreatmentRoute.IvKetamine, 3, 24)]
    [InlineData(TreatmentRoute.KetamineAssistedPsychotherapy, 2, 48)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 2, 48)]
    public void Weekly_limit_per_route_allows_the_limit_and_refuses_one_more(TreatmentRoute route, int limit, int spacingHours)
    {
        var course = Prepared(route);
        var minutes = route == TreatmentRoute.KetamineAssistedPsychotherapy ? 180 : 120;
        for (var i = 0; i < limit; i++)
        {
            var decision = Book(course, Dosing(Guid.NewGuid(), Tomorrow.AddHours(i * spacingHours), minutes));
            course = Apply(course, decision);
        }

        // Still inside the 7 days that began with the first session, and respecting the spacing.
        var oneMore = Tomorrow.AddHours(limit * spacingHours);
        Assert.True(oneMore < Tomorrow.AddDays(7));
        Rejected(Book(course, Dosing(Guid.NewGuid(), oneMore, minutes)), RuleIds.WeeklyLimit);
        Accepted(Book(course, Dosing(Guid.NewGuid(), Tomorrow.AddDays(7), minutes)));
    }

    [Fact]
    public void Esketamine_allows_only_one_session_per_7_days_from_week_5()
    {
        var course = Prepared(TreatmentRoute.EsketamineNasalSpray, Now.AddDays(200));
        var first = Tomorrow;
        course = BookDosing(course, Guid.NewGuid(), first);
        var week5 = first.AddDays(28);
        course = BookDosing(course, Guid.NewGuid(), week5);

        Rejected(Book(course, Dosing(Guid.NewGuid(), week5.AddDays(3))), RuleIds.WeeklyLimit);
        Accepted(Book(course, Dosing(Guid.NewGuid(), week5.AddDays(7))));
    }

    [Fact]
    public void Block_outside_any_resource_availability_is_refused()
    {
        var morning = (IReadOnlyList<UtcInterval>)[new UtcInterval(Tomorrow, Tomorrow.AddHours(1))];
        var command = Dosing(Guid.NewGuid(), Tomorrow);

        Rejected(Book(Prepared(), command, DosingResources(therapistAvailability: morning)), RuleIds.OutsideAvailability);
        Rejected(Book(Prepared(), command, DosingResources(medicalAvailability: morning)), RuleIds.OutsideAvailability);
        Rejected(Book(Prepared(), command, DosingResources(roomAvailability: morning)), RuleIds.OutsideAvailability);

        // Two touching stretches count as one.
        var split = (IReadOnlyList<UtcInterval>)[new UtcInterval(Tomorrow, Tomorrow.AddHours(1)), new UtcInterval(Tomorrow.AddHours(1), Tomorrow.AddHours(2))];
        Accepted(Book(Prepared(), command, DosingResources(roomAvailability: split)));
    }

    [Fact]
    public void Expired_or_missing_credential_of_the_medical_professional_is_refused()
    {
        var command = Dosing(Guid.NewGuid(), Tomorrow);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        Rejected(Book(Prepared(), command, DosingResources(medical: Medical(aclsExpires: today))), RuleIds.CredentialExpired);
        Rejected(Book(Prepared(), command, DosingResources(medical: Medical(licenceExpires: today))), RuleIds.CredentialExpired);
        var noAcls = Medical() with { Credentials = [new Credential(CredentialKind.License, FarFuture)] };
        Rejected(Book(Prepared(), command, DosingResources(medical: noAcls)), RuleIds.CredentialMissing);

        // Valid through the clinic-local day the session ends.
        Accepted(Book(Prepared(), command, DosingResources(medical: Medical(aclsExpires: today.AddDays(1)))));
    }

    [Fact]
    public void Expired_therapist_licence_is_refused()
    {
        var expired = Therapist() with { Credentials = [new Credential(CredentialKind.License, new DateOnly(2024, 1, 1))] };
        Rejected(Book(Prepared(), Dosing(Guid.NewGuid(), Tomorrow), DosingResources(therapist: expired)), RuleIds.CredentialExpired);
    }

    [Theory]
    [InlineData(TreatmentRoute.IvKetamine, 119, false)]
    [InlineData(TreatmentRoute.IvKetamine, 120, true)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 119, false)]
    [InlineData(TreatmentRoute.KetamineAssistedPsychotherapy, 150, false)]
    [InlineData(TreatmentRoute.KetamineAssistedPsychotherapy, 180, true)]
    public void Dosing_block_must_be_as_long_as_the_route_requires(TreatmentRoute route, int minutes, bool allowed)
    {
        var decision = Book(Prepared(route), Dosing(Guid.NewGuid(), Tomorrow, minutes));
        if (allowed)
        {
            Accepted(decision);
        }
        else
        {
            Rejected(decision, RuleIds.BlockTooShort);
        }
    }

    [Fact]
    public void Dosing_block_is_never_shorter_than_two_hours_whatever_the_configuration()
    {
        var lax = Protocol with { IvKetamine = Protocol.IvKetamine with { DosingBlockMinutes = 60 } };
        var course = Apply(null, OpenCourse.Decide(new OpenCourse(Approval()), null, At(Now), lax));

        Assert.Equal(120, course.Plan.DosingBlockMinutes);
        Assert.Equal(TimeSpan.FromHours(2), lax.DosingBlockLength(TreatmentRoute.IvKetamine));
    }

    [Fact]
    public void Wrong_role_in_a_slot_is_refused()
    {
        var therapistAsMedical = Therapist(MedicalId);
        Rejected(Book(Prepared(), Dosing(Guid.NewGuid(), Tomorrow), DosingResources(medical: therapistAsMedical)), RuleIds.WrongRole);

        var medicalAsTherapist = Medical() with { Id = TherapistId };
        Rejected(Book(Prepared(), Dosing(Guid.NewGuid(), Tomorrow), DosingResources(therapist: medicalAsTherapist)), RuleIds.WrongRole);

        var prescriberMd = Medical() with { Role = StaffRole.Prescriber, MedicalKind = MedicalKind.MdDo };
        Accepted(Book(Prepared(), Dosing(Guid.NewGuid(), Tomorrow), DosingResources(medical: prescriberMd)));
    }

    [Fact]
    public void Dosing_needs_a_medical_professional_and_a_room()
    {
        var noRoom = Dosing(Guid.NewGuid(), Tomorrow) with { RoomId = null };
        var resources = DosingResources() with { Room = null };

        Rejected(Book(Prepared(), noRoom, resources), RuleIds.ResourceRequired);
    }

    [Fact]
    public void Closed_course_refuses_booking()
    {
        var closed = Apply(Prepared(), new TreatmentCourseClosed(CourseId, "completed", Now));
        Rejected(Book(closed, Dosing(Guid.NewGuid(), Tomorrow)), RuleIds.CourseClosed);
        Rejected(Book(null, Dosing(Guid.NewGuid(), Tomorrow)), RuleIds.CourseNotFound);
    }

    [Fact]
    public void Past_start_and_patient_overlap_are_refused()
    {
        Rejected(Book(Prepared(), Dosing(Guid.NewGuid(), Now.AddMinutes(-1))), RuleIds.StartInPast);

        var course = Apply(Prepared(), new SessionBooked(
            CourseId, Guid.NewGuid(), SessionKind.Integration, Tomorrow.AddHours(1), Tomorrow.AddHours(2), TherapistId, null, null, null, "v", Now));
        Rejected(Book(course, Dosing(Guid.NewGuid(), Tomorrow)), RuleIds.PatientOverlap);
    }

    [Fact]
    public void Repeating_a_booking_is_a_no_op_and_reusing_its_id_differently_is_refused()
    {
        var id = Guid.NewGuid();
        var course = Apply(Prepared(), Book(Prepared(), Dosing(id, Tomorrow)));

        Assert.Empty(Book(course, Dosing(id, Tomorrow)).Events);
        Rejected(Book(course, Dosing(id, Tomorrow.AddDays(2))), RuleIds.SessionExists);
    }

    [Fact]
    public void Dosing_number_follows_the_order_of_sessions()
    {
        var course = BookDosing(Prepared(), Guid.NewGuid(), Now.AddDays(3));
        var earlier = Assert.IsType<SessionBooked>(Assert.Single(Book(course, Dosing(Guid.NewGuid(), Tomorrow)).Events));
        var later = Assert.IsType<SessionBooked>(Assert.Single(Book(course, Dosing(Guid.NewGuid(), Now.AddDays(5))).Events));

        Assert.Equal(1, earlier.DosingNumber);
        Assert.Equal(2, later.DosingNumber);
    }
}
