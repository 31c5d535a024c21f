using Integration.Api.Courses;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace EndToEnd.Tests;

/// <summary>
/// The thin slice of the care path across all three services: a referral screened and approved in Screening opens
/// the course in Scheduling and in Integration, under one course id and one trace.
/// </summary>
public sealed class ApprovalReachesEveryServiceTests(Clinic clinic) : IClassFixture<Clinic>
{
    [Fact]
    public async Task An_approved_screening_opens_the_course_in_scheduling_and_integration_within_one_trace()
    {
        var intake = clinic.Screening.ClientFor(Roles.Intake, "intake-1");
        var prescriber = clinic.Screening.ClientFor(Roles.Prescriber, "prescriber-1");

        var referral = await ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr"));
        await RecordSafeIntakeAsync(intake, referral.Id);
        var courseId = (await ApproveAsync(prescriber, referral.Id)).CourseId;

        var scheduling = clinic.Scheduling.ClientFor(Roles.Scheduler, "scheduler-1");
        var schedulingCourse = await Eventually.Async(
            async () => await FindAsync<Scheduling.Api.Queries.CourseView>(scheduling, $"/courses/{courseId}"),
            what: "Scheduling to open the course");
        Assert.Equal(referral.PatientId, schedulingCourse.PatientId);
        Assert.Equal(Platform.Contracts.TreatmentRoute.IvKetamine, schedulingCourse.Route);

        var integration = clinic.Integration.ClientFor(Roles.Therapist, "therapist-1");
        var outcomeRecord = await Eventually.Async(
            async () => await FindAsync<Integration.Api.Queries.CourseRecord>(integration, $"/courses/{courseId}"),
            what: "Integration to open the course record");
        Assert.Equal(referral.PatientId, outcomeRecord.PatientId);
        Assert.Contains(outcomeRecord.Baseline, b => b.Instrument == Platform.Instruments.InstrumentCode.Phq9);

        // One trace: the approval request's trace id is stored with the approval in Screening and travels through
        // the outbox relay and RabbitMQ into the events each consumer appended.
        var screeningTrace = await StoredTrace.OfFirstEventAsync<ScreeningApproved>(clinic.Screening.Store, referral.Id);
        var schedulingTrace = await StoredTrace.OfFirstEventAsync<CourseOpened>(clinic.Scheduling.Store, courseId);
        var integrationTrace = await StoredTrace.OfFirstEventAsync<CourseOutcomeOpened>(clinic.Integration.Store, courseId);
        Assert.NotNull(screeningTrace);
        Assert.Equal(screeningTrace, schedulingTrace);
        Assert.Equal(screeningTrace, integrationTrace);
    }

    private static async Task<T?> FindAsync<T>(HttpClient client, string path)
        where T : class
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<T>(Json);
    }
}
