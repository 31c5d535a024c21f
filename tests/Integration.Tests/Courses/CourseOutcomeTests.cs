namespace Integration.Tests;

public class CourseOutcomeTests
{
    [Fact]
    public void Events_before_the_opening_event_leave_no_state()
    {
        Assert.Null(CourseOutcome.Evolve(null, new PregnancyReported(CourseId, Guid.NewGuid(), ApprovedAt, Clinician, null)));
    }
}
