using Marten;
using Platform.ServiceDefaults.Identity;
using Screening.Api.Screenings;

namespace EndToEnd.Tests;

/// <summary>
/// The safety loop across services: a serious adverse event recorded in Integration after dosing session 2 holds the
/// course; Scheduling cancels the remaining dosing sessions and refuses new ones until a prescriber releases the hold.
/// </summary>
public sealed class SafetyLoopTests(Clinic clinic) : SafetyLoop(clinic), IClassFixture<Clinic>;

/// <summary>The same loop with the clinic's records on the chain's second PostgreSQL server (Database:Groups).</summary>
public sealed class SafetyLoopOnTwoServersTests(ClinicsOnTwoServers clinic) : SafetyLoop(clinic), IClassFixture<ClinicsOnTwoServers>;

public abstract class SafetyLoop(Clinic clinic)
{
    [Fact]
    public async Task A_serious_adverse_event_cancels_the_future_dosing_sessions_and_blocks_dosing_until_released()
    {
        var course = await CourseScript.ReadyToDoseAsync(clinic);
        for (var number = 1; number <= 2; number++)
        {
            await course.RunDosingSessionAsync(number);
            await course.AwaitDoseInIntegrationAsync(number);
        }

        await RecordSeriousAdverseEventAfterDoseAsync(course, 2);

        var cancelled = await Eventually.Async(async () =>
        {
            var current = await course.SchedulingCourseAsync();
            var later = Enumerable.Range(3, 4).Select(n => current.FindSession(course.DosingSession(n))!).ToList();
            return later.All(s => s.Status == SessionStatus.Cancelled) ? current : null;
        }, what: "Scheduling to cancel dosing sessions 3-6");
        Assert.True(cancelled.IsOnHold);
        Assert.All(
            Enumerable.Range(1, 2).Select(n => cancelled.FindSession(course.DosingSession(n))!),
            s => Assert.Equal(SessionStatus.Completed, s.Status));

        // The slot session 3 had is free again, but dosing is held.
        var refused = await course.BookDosingAsync(course.DosingStart(3));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("SCH-SAFETY-HOLD", await CourseScript.RuleIdAsync(refused));

        await CourseScript.OkAsync(await course.Prescriber.PostAsJsonAsync($"/courses/{course.CourseId}/holds/release", new {
            justification = "Airway event resolved; anaesthesia review done, dose reduced",
            reScreeningNotNeeded = true,
            reScreeningWaiverReason = "Event explained by the dose; eligibility unchanged",
        }));

        var rebooked = await Eventually.Async(async () =>
        {
            var response = await course.BookDosingAsync(course.DosingStart(3));
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity && await CourseScript.RuleIdAsync(response) == "SCH-SAFETY-HOLD")
            {
                return null;
            }

            return await CourseScript.OkAsync(response) as System.Text.Json.JsonElement?;
        }, what: "the release to reach Scheduling and a dosing booking to succeed");
        var sessionId = rebooked!.Value.GetProperty("sessionId").GetGuid();
        var after = await course.SchedulingCourseAsync();
        // The whole course in the message: this once failed in a full run with the new booking missing (not reproduced).
        var shown = System.Text.Json.JsonSerializer.Serialize(after, ScreeningApi.Json);
        Assert.False(after.IsOnHold, shown);
        Assert.True(after.FindSession(sessionId) is { Status: SessionStatus.Booked }, $"session {sessionId} (booking answer {rebooked.Value}): {shown}");

        // Screening recorded the waiver: the case is approved again on its original sign-off.
        var screening = await Eventually.Async(
            async () => await ScreeningOfAsync(course) is { Status: ScreeningStatus.Approved } s ? s : null,
            what: "Screening to record the waiver");
        Assert.NotEmpty(screening.WaivedHolds);
    }

    [Fact]
    public async Task A_hold_released_without_the_re_screening_waiver_never_lets_the_course_dose_again()
    {
        var course = await CourseScript.ApprovedAsync(clinic);
        await course.StaffAndMatchTherapistAsync();
        await course.HoldPreparationAsync();
        await CourseScript.OkAsync(await course.Medical.PostAsJsonAsync($"/courses/{course.CourseId}/pregnancy-reports", new { note = "Positive test" }));
        await Eventually.Async(async () => (await course.SchedulingCourseAsync()).IsOnHold ? true as bool? : null, what: "the hold to reach Scheduling");

        await CourseScript.OkAsync(await course.Prescriber.PostAsJsonAsync($"/courses/{course.CourseId}/holds/release",
            new { justification = "Not pregnant on repeat test" }));

        var lifted = await Eventually.Async(
            async () => await course.SchedulingCourseAsync() is { IsOnHold: false } c ? c : null, what: "the release to reach Scheduling");
        Assert.NotNull(lifted.ReScreeningRequiredAfterHold);
        var refused = await course.BookDosingAsync(course.DosingStart(1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("SCH-RE-SCREENING-REQUIRED", await CourseScript.RuleIdAsync(refused));
        var slots = await course.Scheduler.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/courses/{course.CourseId}/free-slots?from={Uri.EscapeDataString(course.DosingStart(1).AddHours(-3).ToString("o"))}&to={Uri.EscapeDataString(course.DosingStart(1).AddHours(6).ToString("o"))}&kind=Dosing");
        Assert.Equal(0, slots.GetProperty("items").GetArrayLength());
        Assert.Equal(ScreeningStatus.ReScreeningRequired, (await ScreeningOfAsync(course))!.Status);
    }

    [Fact]
    public async Task An_adverse_event_during_a_dose_in_progress_can_name_its_session()
    {
        var course = await CourseScript.ReadyToDoseAsync(clinic);
        await course.StartDoseAsync(1);
        course.Clock.MoveTo(course.DosingStart(1).AddMinutes(20));

        // Scheduling publishes DosingStarted at the dose; Integration knows the session long before discharge.
        var recorded = await Eventually.Async(async () =>
        {
            var response = await course.Medical.PostAsJsonAsync($"/courses/{course.CourseId}/adverse-events", new {
                type = "NauseaVomiting",
                severity = "Mild",
                occurredAt = course.DosingStart(1).AddMinutes(15),
                onsetMinutesAfterDose = 15,
                dosingSessionId = course.DosingSession(1),
                actionTaken = "Ondansetron 4 mg",
                outcome = "Resolved",
            });
            return response.StatusCode == HttpStatusCode.UnprocessableEntity && await CourseScript.RuleIdAsync(response) == "INT-UNKNOWN-DOSING-SESSION"
                ? null
                : await CourseScript.OkAsync(response) as System.Text.Json.JsonElement?;
        }, what: "Integration to know the dosing session in progress");
        Assert.NotNull(recorded);
        Assert.Equal(SessionStatus.DoseInProgress, (await course.SchedulingCourseAsync()).FindSession(course.DosingSession(1))!.Status);
    }

    private async Task<ScreeningCase?> ScreeningOfAsync(CourseScript course)
    {
        await using var query = clinic.Screening.Store.QuerySession(ClinicScope.Development);
        return await query.Query<ScreeningCase>().Where(s => s.Approval != null && s.Approval.CourseId == course.CourseId).SingleOrDefaultAsync();
    }

    /// <summary>Respiratory depression 30 minutes into the dose, recorded by the medical professional once discharged.</summary>
    private static async Task RecordSeriousAdverseEventAfterDoseAsync(CourseScript course, int number)
    {
        await CourseScript.OkAsync(await course.Medical.PostAsJsonAsync($"/courses/{course.CourseId}/adverse-events", new {
            type = "RespiratoryDepression",
            severity = "Serious",
            occurredAt = course.DosingStart(number).AddMinutes(30),
            onsetMinutesAfterDose = 30,
            dosingSessionId = course.DosingSession(number),
            actionTaken = "Bag-mask ventilation",
            outcome = "Resolved",
        }));
    }
}
