namespace Scheduling.Tests;

public class CloseCourseTests
{
    [Fact]
    public void Closing_the_course_cancels_future_dosing_and_refuses_further_bookings()
    {
        var future = Guid.NewGuid();
        var course = BookDosing(Prepared(), future, Now.AddDays(2));

        var decision = CloseCourse.Decide(new CloseCourse("course completed: remitter"), course, At(Now), Protocol);
        Assert.Equal(future, Assert.IsType<BookingCancelled>(decision.Events[0]).SessionId);
        Assert.IsType<TreatmentCourseClosed>(decision.Events[1]);

        var closed = Apply(course, decision);
        Assert.Empty(CloseCourse.Decide(new CloseCourse("again"), closed, At(Now), Protocol).Events);
        Rejected(MatchTherapist.Decide(new MatchTherapist(OtherTherapistId), closed, At(Now), Protocol, Therapist(OtherTherapistId)), RuleIds.CourseClosed);
    }
}
