namespace Scheduling.Tests;

public class MarkNoShowTests
{
    [Fact]
    public void No_show_is_recorded_only_once_the_session_should_have_started()
    {
        var id = Guid.NewGuid();
        var course = BookDosing(Prepared(), id, Now.AddHours(1));

        Rejected(MarkNoShow.Decide(new MarkNoShow(id), course, At(Now), Protocol), RuleIds.SessionNotStarted);
        var noShow = MarkNoShow.Decide(new MarkNoShow(id), course, At(Now.AddHours(1).AddMinutes(20)), Protocol);
        Assert.IsType<PatientMarkedNoShow>(Assert.Single(noShow.Events));
        Assert.Equal(SessionStatus.NoShow, Apply(course, noShow).FindSession(id)!.Status);
    }
}
