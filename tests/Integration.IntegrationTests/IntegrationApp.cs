namespace Integration.IntegrationTests;

/// <summary>
/// One Integration host on its own database and broker prefix, with a test bus that publishes what Screening and
/// Scheduling would and records what the service publishes. Courses are opened the way production opens them: by
/// the approval and dosing messages.
/// </summary>
public sealed class IntegrationApp() : ServiceApp<IntegrationServiceMarker>(typeof(SafetyHoldPlaced), typeof(SafetyHoldReleased), typeof(CourseCompleted))
{
    public HttpClient Therapist => As(Roles.Therapist, "therapist-1");

    public HttpClient Medical => As(Roles.Medical, "medical-1");

    public HttpClient Prescriber => As(Roles.Prescriber, "prescriber-1");

    public HttpClient Analyst => As(Roles.Analyst, "analyst-1");

    /// <summary>Publishes the approval Screening would send and waits until the outcome record is open.</summary>
    public async Task<Guid> OpenCourseAsync(
        DateTimeOffset approvedAt,
        int phq9Baseline = 20,
        Indication indication = Indication.TreatmentResistantDepression,
        TreatmentRoute route = TreatmentRoute.IvKetamine)
    {
        var courseId = Guid.NewGuid();
        await Bus.PublishAsync(
            ContractBuilders.Approval(
                courseId, approvedAt, indication, route, [ContractBuilders.Phq9(phq9Baseline, approvedAt.AddDays(-2))]),
            Guid.NewGuid());
        await Eventually.Async(() => LoadAsync(courseId), what: "the outcome record to open");
        return courseId;
    }

    /// <summary>Publishes a completed dosing session as Scheduling would and waits until it is recorded.</summary>
    public async Task<Guid> DoseAsync(Guid courseId, int number, DateTimeOffset startedAt, TreatmentRoute route = TreatmentRoute.IvKetamine)
    {
        var sessionId = Guid.NewGuid();
        await Bus.PublishAsync(
            new DosingSessionCompleted(
                courseId, sessionId, number, route, 35m, startedAt, startedAt.AddHours(2),
                new VitalsReading(120, 80, 70, startedAt), new VitalsReading(135, 85, 75, startedAt.AddMinutes(40)),
                new VitalsReading(122, 81, 71, startedAt.AddHours(2)), 8, Guid.NewGuid(), Guid.NewGuid()),
            Guid.NewGuid());
        await Eventually.Async(
            async () => (await LoadAsync(courseId))?.DosingSessions.Any(d => d.SessionId == sessionId) == true ? (object)true : null,
            what: $"dosing session {number} to be recorded");
        return sessionId;
    }

    public async Task<CourseOutcome?> LoadAsync(Guid courseId)
    {
        await using var session = Host.Store.QuerySession(ClinicScope.Development);
        return await session.LoadAsync<CourseOutcome>(courseId);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>PHQ-9 item answers (0-3 each) that add up to <paramref name="total"/>.</summary>
    public static int[] Phq9Items(int total) =>
        [.. Enumerable.Range(0, 9).Select(i => Math.Clamp(total - (i * 3), 0, 3))];

    public static object Phq9(int total, DateTimeOffset at) => new { instrument = "PHQ-9", items = Phq9Items(total), measuredAt = at };
}
