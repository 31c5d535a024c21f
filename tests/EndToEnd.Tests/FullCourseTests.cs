namespace EndToEnd.Tests;

/// <summary>
/// A whole IV ketamine course across the three services: referral, screening and approval in Screening; preparation
/// and six dosing sessions with check-in, monitoring and discharge in Scheduling; integration sessions, PHQ-9 over
/// time and the prescriber's evaluation in Integration; and the completion closing the course back in Scheduling.
/// </summary>
public sealed class FullCourseTests(Clinic clinic) : IClassFixture<Clinic>
{
    /// <summary>PHQ-9 after dosing sessions 2, 4 and 6: from the baseline of 15 down to remission.</summary>
    private static readonly Dictionary<int, int> Phq9AfterDose = new() { [2] = 11, [4] = 7, [6] = 4 };

    [Fact]
    public async Task A_course_runs_from_referral_through_six_dosing_sessions_to_completion_and_closes_in_scheduling()
    {
        var course = await CourseScript.ReadyToDoseAsync(clinic);

        for (var number = 1; number <= 6; number++)
        {
            await course.RunDosingSessionAsync(number);
            var recorded = await course.AwaitDoseInIntegrationAsync(number);
            Assert.Equal(number, recorded.GetProperty("dosingNumber").GetInt32());
            Assert.Equal(35m, recorded.GetProperty("doseMg").GetDecimal());

            await course.HoldIntegrationSessionAsync(number);
            if (Phq9AfterDose.TryGetValue(number, out var phq9))
            {
                await course.RecordPhq9Async(phq9);
            }
        }

        var scheduling = await course.SchedulingCourseAsync();
        Assert.Equal(6, scheduling.Sessions.Count(s => s.Kind == Platform.Contracts.SessionKind.Dosing && s.Status == SessionStatus.Completed));
        Assert.Equal(2, scheduling.Sessions.Count(s => s.Kind == Platform.Contracts.SessionKind.Preparation && s.Status == SessionStatus.Held));

        var integration = await course.IntegrationCourseAsync();
        Assert.Equal(6, integration.GetProperty("dosingSessions").GetArrayLength());
        Assert.Equal(6, integration.GetProperty("integrationSessions").GetArrayLength());

        await CourseScript.OkAsync(await course.Prescriber.PostAsJsonAsync($"/courses/{course.CourseId}/evaluation",
            new { recommendation = "Discharge", rationale = "Remission after the six-infusion induction series" }));
        integration = await course.IntegrationCourseAsync();
        Assert.Equal("Remitter", integration.GetProperty("evaluation").GetProperty("response").GetString());

        var closed = await Eventually.Async(async () =>
        {
            var current = await course.SchedulingCourseAsync();
            return current.Status == CourseStatus.Closed ? current : null;
        }, what: "CourseCompleted to close the course in Scheduling");
        Assert.Equal("Course completed: Remitter, Discharge", closed.ClosedReason);
    }
}
