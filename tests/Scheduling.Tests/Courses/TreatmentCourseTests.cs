using System.Text.Json;

namespace Scheduling.Tests;

public class TreatmentCourseTests
{
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
    public void Course_state_survives_a_json_round_trip()
    {
        var id = Guid.NewGuid();
        var course = DoseStartedAt(Prepared(TreatmentRoute.EsketamineNasalSpray), id, Now);
        course = Apply(course, new SafetyHoldApplied(CourseId, Guid.NewGuid(), "hold", Now, Now));

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var copy = JsonSerializer.Deserialize<TreatmentCourse>(JsonSerializer.Serialize(course, options), options)!;

        Assert.Equal(course.Sessions.Count, copy.Sessions.Count);
        Assert.Equal(course.FindSession(id)!.Dosing, copy.FindSession(id)!.Dosing);
        Assert.True(copy.IsPreparationComplete);
        Assert.True(copy.IsOnHold);
        Assert.Equal(course.Plan, copy.Plan);
    }
}
