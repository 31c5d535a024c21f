using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Bench;

/// <summary>
/// The three services under HTTP load: a realistic mix of commands (referral, intake fact, booking, outcome)
/// against bare Marten appends of the very events those commands wrote, then a mixed read/write open loop, and
/// the connections the services hold to PostgreSQL when idle.
/// </summary>
internal sealed class HttpLoad : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private const int Therapists = 20;

    private readonly ServiceHost<ScreeningServiceMarker> screening;
    private readonly ServiceHost<SchedulingServiceMarker> scheduling;
    private readonly ServiceHost<IntegrationServiceMarker> integration;
    private readonly HttpClient referrer;
    private readonly HttpClient intake;
    private readonly HttpClient scheduler;
    private readonly HttpClient therapist;
    private readonly ConcurrentQueue<Guid> unscreened = new();
    private readonly ConcurrentBag<Guid> screenings = [];
    private readonly List<Guid> therapists = [];
    private Guid[] courses = [];
    private int nextBooking = -1;
    private int nextOutcome = -1;
    private int errors;
    private string? firstError;

    private HttpLoad(
        ServiceHost<ScreeningServiceMarker> screening, ServiceHost<SchedulingServiceMarker> scheduling, ServiceHost<IntegrationServiceMarker> integration)
    {
        this.screening = screening;
        this.scheduling = scheduling;
        this.integration = integration;
        referrer = screening.ClientFor(Roles.System, "ehr");
        intake = screening.ClientFor(Roles.Intake, "intake-1");
        scheduler = scheduling.ClientFor(Roles.Scheduler, "scheduler-1");
        therapist = integration.ClientFor(Roles.Therapist, "therapist-1");
    }

    public int Errors => errors;

    public string? FirstError => firstError;

    public static async Task<HttpLoad> StartAsync()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var starting = (Hosts.ScreeningAsync(prefix), Hosts.SchedulingAsync(prefix), Hosts.IntegrationAsync(prefix));
        return new HttpLoad(await starting.Item1, await starting.Item2, await starting.Item3);
    }

    public string[] Databases => [.. new[] { screening.Postgres, scheduling.Postgres, integration.Postgres }.Select(Hosts.DatabaseOf)];

    /// <summary>Connections to the three services' databases, from pg_stat_activity.</summary>
    public async Task<long> ConnectionsAsync()
    {
        var names = new[] { screening.Postgres, scheduling.Postgres, integration.Postgres }.Select(Hosts.DatabaseOf);
        return await Hosts.ScalarAsync(await Hosts.AdminAsync(),
            $"select count(*) from pg_stat_activity where datname in ({string.Join(",", names.Select(n => $"'{n}'"))})");
    }

    /// <summary>Staff with availability (over HTTP, as a clinic sets them up) and open courses in Scheduling and Integration.</summary>
    public async Task SeedAsync(int courseCount)
    {
        var weekly = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString(), start = "07:00", end = "21:00" }).ToList();
        for (var t = 0; t < Therapists; t++)
        {
            var created = await OkAsync(await scheduler.PostAsJsonAsync("/staff", new {
                displayName = $"Therapist {t}",
                role = "Therapist",
                credentials = new[] { new { kind = "License", identifier = "X-1", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(2)) } },
            }, Json));
            var id = created.GetProperty("id").GetGuid();
            await OkAsync(await scheduler.PutAsJsonAsync($"/staff/{id}/availability", new { weekly, timeOff = Array.Empty<object>() }, Json));
            therapists.Add(id);
        }

        courses = await Propagation.SeedCoursesAsync(scheduling, courseCount);
        var now = DateTimeOffset.UtcNow;
        foreach (var batch in courses.Chunk(500))
        {
            await using var session = integration.Store.LightweightSession(ClinicScope.Development);
            foreach (var id in batch)
            {
                session.Events.StartStream<CourseOutcome>(id, Opened(id, now));
            }

            await session.SaveChangesAsync();
        }

        for (var i = 0; i < 64; i++)
        {
            await ReferAsync();
        }
    }

    public static CourseOutcomeOpened Opened(Guid id, DateTimeOffset now) => new(
        id, Guid.NewGuid(), Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine, [], now.AddDays(-1), "bench", "bench", now.AddDays(-1));

    /// <summary>One command of the mix; <paramref name="i"/> picks which.</summary>
    public Task CommandAsync(int i) => (i % 4) switch {
        0 => ReferAsync(),
        1 => IntakeFactAsync(),
        2 => BookAsync(),
        _ => OutcomeAsync(),
    };

    /// <summary>One read of the mix: a screening, a course in Scheduling, a course in Integration.</summary>
    public Task ReadAsync(int i) => (i % 3) switch {
        0 => GetAsync(intake, $"/screenings/{screenings.FirstOrDefault()}"),
        1 => GetAsync(scheduler, $"/courses/{courses[i % courses.Length]}"),
        _ => GetAsync(therapist, $"/courses/{courses[i % courses.Length]}"),
    };

    private async Task ReferAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/screenings") {
            Content = JsonContent.Create(new {
                externalReference = "EXT-" + Guid.NewGuid().ToString("N")[..8],
                referringClinician = "Dr Referrer",
                indication = "TreatmentResistantDepression",
                requestedRoute = "IvKetamine",
                patient = new { fullName = "Alex Example", birthDate = "1985-06-01", email = "alex@example.org" },
            }, options: Json),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (await CheckAsync(await referrer.SendAsync(request)) is { } body)
        {
            var id = body.GetProperty("id").GetGuid();
            unscreened.Enqueue(id);
            screenings.Add(id);
        }
    }

    private async Task IntakeFactAsync()
    {
        // Each intake fact on a screening of its own, so concurrent commands never race on one stream.
        if (!unscreened.TryDequeue(out var id))
        {
            await ReferAsync();
            return;
        }

        await CheckAsync(await intake.PostAsJsonAsync($"/screenings/{id}/vitals", new {
            systolic = 122,
            diastolic = 78,
            heartRate = 70,
            weightKg = 72.5m,
            takenAt = DateTimeOffset.UtcNow.AddMinutes(-30),
        }, Json));
    }

    private async Task BookAsync()
    {
        // A slot of its own for every booking: therapist, then day and hour (clinic-local 08:00-19:00) from tomorrow.
        var k = Interlocked.Increment(ref nextBooking);
        var slot = k / Therapists;
        var zone = scheduling.Services.GetRequiredService<SchedulingProtocol>().ResolveTimeZone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var local = today.AddDays(1 + (slot / 12)).ToDateTime(new TimeOnly(8 + (slot % 12), 0));
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone));
        await CheckAsync(await scheduler.PostAsJsonAsync($"/courses/{courses[k % courses.Length]}/sessions", new {
            kind = "Integration",
            start,
            end = start.AddHours(1),
            therapistId = therapists[k % Therapists],
        }, Json));
    }

    private async Task OutcomeAsync()
    {
        var k = Interlocked.Increment(ref nextOutcome);
        await CheckAsync(await therapist.PostAsJsonAsync($"/courses/{courses[k % courses.Length]}/outcomes", new {
            instrument = "PHQ-9",
            items = new[] { 2, 2, 1, 1, 1, 1, 1, 1, 0 },
            measuredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }, Json));
    }

    private async Task GetAsync(HttpClient client, string path) => await CheckAsync(await client.GetAsync(path));

    /// <summary>The status of the request a caller is timing (the overload phase counts 503s apart from the admitted).</summary>
    private static readonly AsyncLocal<StrongBox<int>?> Answered = new();

    /// <summary>Runs one operation of the mix and answers its HTTP status (0 when it threw, e.g. timed out).</summary>
    public static async Task<int> StatusOfAsync(Func<Task> operation)
    {
        var status = Answered.Value = new StrongBox<int>();
        try
        {
            await operation();
        }
        catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
        {
            return 0;
        }

        return status.Value;
    }

    /// <summary>Reads answered 200 since <paramref name="since"/> that have their access-audit row, in the three services.</summary>
    public async Task<long> AuditedReadsAsync(DateTimeOffset since)
    {
        long rows = 0;
        foreach (var (postgres, schema) in new[] { (screening.Postgres, "screening"), (scheduling.Postgres, "scheduling"), (integration.Postgres, "integration") })
        {
            rows += await Hosts.ScalarAsync(postgres,
                $"select count(*) from {schema}.access_audit where method = 'GET' and status = 200 and at >= '{since.UtcDateTime:O}'");
        }

        return rows;
    }

    private async Task<JsonElement?> CheckAsync(HttpResponseMessage response)
    {
        using (response)
        {
            if (Answered.Value is { } answered)
            {
                answered.Value = (int)response.StatusCode;
            }

            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                if (Interlocked.Increment(ref errors) == 1)
                {
                    firstError = $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri?.AbsolutePath}: {text[..Math.Min(400, text.Length)]}";
                }

                return null;
            }

            return text.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(text, Json) : default(JsonElement);
        }
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode
                ? JsonSerializer.Deserialize<JsonElement>(text, Json)
                : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }
    }

    /// <summary>The last committed sequence of each service's event store, to find what a phase appended.</summary>
    public async Task<long[]> MarksAsync()
    {
        var marks = new List<long>();
        foreach (var store in Stores)
        {
            marks.Add((await store.Advanced.FetchEventStoreStatistics()).EventSequenceNumber);
        }

        return [.. marks];
    }

    private IDocumentStore[] Stores => [screening.Store, scheduling.Store, integration.Store];

    /// <summary>
    /// The events each command appended (one commit = one stream and one transaction timestamp), appended again
    /// by bare Marten (no projections, no HTTP, no decisions) with the same number of workers.
    /// </summary>
    /// <summary>The events the HTTP phase's commands wrote, one array per commit, read back (opened) from the services' stores.</summary>
    public async Task<List<object[]>> CommitsSinceAsync(long[] marks)
    {
        var commits = new List<object[]>();
        for (var s = 0; s < Stores.Length; s++)
        {
            await using var query = Stores[s].QuerySession(ClinicScope.Development);
            var events = await query.Events.QueryAllRawEvents().Where(e => e.Sequence > marks[s]).OrderBy(e => e.Sequence).ToListAsync();
            commits.AddRange(events.GroupBy(e => (e.StreamId, e.Timestamp)).Select(g => g.Select(e => e.Data).ToArray()));
        }

        return commits;
    }

    /// <summary>
    /// Bare Marten appending <paramref name="commits"/>, one commit each, with <paramref name="workers"/> at once, on a
    /// scratch database: with <paramref name="sealPhi"/> its serializer seals PHI as the services' does (the patients'
    /// keys already made by the HTTP phase, cached like in a service), without it the same events are written plain.
    /// Also the serializer's own time per event, single-threaded, over every event twice.
    /// </summary>
    public static async Task<(int Commits, double Seconds, double SerializeUsPerEvent)> BareMartenAsync(List<object[]> commits, int workers, bool sealPhi)
    {
        var database = await Hosts.CreateScratchDatabaseAsync(sealPhi ? "bare_sealed" : "bare");
        using var bare = DocumentStore.For(o =>
        {
            // The services' pool settings (auto-prepare among them), so the baseline differs from them only in the work.
            o.Connection(Platform.ServiceDefaults.Marten.PlatformMarten.BoundedPool(database, Platform.ServiceDefaults.Marten.PlatformMarten.DefaultMaxPoolSize));
            o.Events.StreamIdentity = StreamIdentity.AsGuid;
            o.DatabaseSchemaName = "bare";
            if (sealPhi)
            {
                Platform.ServiceDefaults.Marten.PlatformMarten.SealPhi(o);
            }
        });
        await bare.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        foreach (var warm in commits.Take(20))
        {
            await using var session = bare.LightweightSession(ClinicScope.Development);
            session.Events.StartStream(Guid.NewGuid(), warm);
            await session.SaveChangesAsync();
        }

        var serializer = bare.Options.Serializer();
        var events = commits.SelectMany(c => c).ToList();
        var began = Clock.Now;
        var length = 0L;
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var e in events)
            {
                length += serializer.ToJson(e).Length;
            }
        }

        var serializeUs = Clock.Ms(began, Clock.Now) * 1000 / Math.Max(1, 2 * events.Count);
        Progress.Line($"bare Marten serializer{(sealPhi ? " (PHI sealed)" : string.Empty)}: {serializeUs:F1} µs per event, {length / Math.Max(1, 2 * events.Count)} characters on average");
        var (done, seconds) = await Load.ClosedLoopAsync(workers, commits.Count, async i =>
        {
            await using var session = bare.LightweightSession(ClinicScope.Development);
            session.Events.StartStream(Guid.NewGuid(), commits[i]);
            await session.SaveChangesAsync();
        }, sealPhi ? "bare Marten appends, PHI sealed" : "bare Marten appends");
        return (done, seconds, serializeUs);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { referrer, intake, scheduler, therapist })
        {
            client.Dispose();
        }

        await screening.DisposeAsync();
        await scheduling.DisposeAsync();
        await integration.DisposeAsync();
    }
}
