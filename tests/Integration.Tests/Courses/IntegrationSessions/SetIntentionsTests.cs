namespace Integration.Tests;

public class SetIntentionsTests
{
    [Fact]
    public void Intentions_are_set_once_per_id_and_refused_before_the_course()
    {
        var course = Open();
        var intentions = new SetIntentions(CourseId, Guid.NewGuid(), 1, Clinician, FirstDose.AddHours(-1), "to meet my grief");

        course = Apply(course, Decide(intentions, course, At(FirstDose), Protocol));

        Assert.Empty(Decide(intentions, course, At(FirstDose), Protocol).Events);
        Assert.Equal(
            RuleIds.EventBeforeCourse,
            Decide(intentions with { IntentionsId = Guid.NewGuid(), SetAt = ApprovedAt.AddDays(-1) }, course, At(FirstDose), Protocol).Rejection?.RuleId);
    }
}
