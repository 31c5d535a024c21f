namespace Scheduling.Tests;

public class RescheduleSessionTests
{
    [Fact]
    public void Rescheduling_rechecks_the_rules_without_colliding_with_the_old_slot()
    {
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        var course = BookDosing(BookDosing(Prepared(), id, Now.AddDays(1)), other, Now.AddDays(3));

        var moved = RescheduleSession.Decide(new RescheduleSession(id, Now.AddDays(1).AddHours(1), Now.AddDays(1).AddHours(3), TherapistId, MedicalId, RoomId), course, At(Now), Protocol, DosingResources());
        var e = Assert.IsType<SessionRescheduled>(Assert.Single(moved.Events));
        Assert.Equal(Now.AddDays(1), e.PreviousStart);

        var tooClose = RescheduleSession.Decide(new RescheduleSession(id, Now.AddDays(2).AddHours(12), Now.AddDays(2).AddHours(14), TherapistId, MedicalId, RoomId), course, At(Now), Protocol, DosingResources());
        Rejected(tooClose, RuleIds.DosingSpacing);
    }
}
