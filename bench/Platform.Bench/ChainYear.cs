using Integration.Api.Queries;
using Platform.Commands;
using Platform.Instruments;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Privacy;
using Screening.Api.Screenings;

namespace Platform.Bench;

/// <summary>
/// A simulated year of a clinic chain: every clinic (a Marten tenant) gets a year of referrals, screenings, courses and
/// outcomes written by COPY into the three services' stores, then every projection is rebuilt from that history and
/// the main reads and the chain-level analyst question are timed against it.
/// </summary>
internal static class ChainYear
{
    /// <param name="RebuildSeconds">Until the service's last projection was rebuilt, sharing the machine with the other two services' rebuilds.</param>
    public sealed record ServiceFigures(string Name, long Events, double RebuildSeconds, int Projections);

    /// <param name="RebuildSeconds">The three services' rebuilds side by side, wall time.</param>
    /// <param name="ReadsBesideAutovacuum">The main GETs right after the rebuild, while autovacuum works through its tables.</param>
    /// <param name="Reads">The main GETs per query after <c>VACUUM (ANALYZE)</c>.</param>
    public sealed record Result(
        int Clinics, IReadOnlyList<ServiceFigures> Services, double RebuildSeconds, double GenerationSeconds, long BytesAfterGeneration, long BytesAfterRebuild,
        Samples ReadsBesideAutovacuum, double VacuumSeconds, IReadOnlyDictionary<string, Samples> Reads, Samples AllReads, int ReadFailures, Samples Analyst, string AnalystAnswer)
    {
        public long Events => Services.Sum(s => s.Events);
    }

    /// <param name="readsPerQuery">How many times each of the seven main GETs is timed, in each of the two read passes.</param>
    /// <param name="servers">1: every clinic on the primary server; 2: the second half of the clinics on a database of the
    /// second server (Database:Groups), as a chain that outgrew one server would split them.</param>
    public static async Task<Result> RunAsync(int clinicCount, int readsPerQuery, int servers)
    {
        var clinics = Enumerable.Range(1, clinicCount).Select(i => $"c{i:D3}").ToArray();

        // The simulated clinics are the chain (ServiceHost's test chain, main and north, stays in it harmlessly).
        var settings = clinics.Select((clinic, i) => (Key: $"Chain:Clinics:{i + 2}", Value: clinic)).ToDictionary(s => s.Key, s => s.Value);
        async Task<IReadOnlyDictionary<string, string>> SettingsAsync(string service)
        {
            if (servers == 1)
            {
                return settings;
            }

            return new Dictionary<string, string>(settings) {
                ["Database:Groups:second:ConnectionString"] = await TestInfrastructure.CreateDatabaseOnSecondServerAsync(service),
                ["Database:Groups:second:Clinics"] = string.Join(',', clinics[(clinics.Length / 2)..]),
            };
        }

        var prefix = ServiceHost.NewEntityPrefix();
        Progress.Line($"phase chain: starting Screening, Scheduling and Integration for {clinicCount} clinics on {servers} PostgreSQL server(s)");
        await using var screening = await Hosts.ScreeningAsync(prefix, settings: await SettingsAsync("Screening"));
        await using var scheduling = await Hosts.SchedulingAsync(prefix, settings: await SettingsAsync("Scheduling"));
        await using var integration = await Hosts.IntegrationAsync(prefix, settings: await SettingsAsync("Integration"));
        foreach (var services in new[] { screening.Services, scheduling.Services, integration.Services })
        {
            await Rebuild.StopHostedDaemonAsync(services);
        }

        var stores = new[] { (DocumentStore)screening.Store, (DocumentStore)scheduling.Store, (DocumentStore)integration.Store };
        var names = new[] { "Screening", "Scheduling", "Integration" };
        var keys = integration.Services.GetRequiredService<PatientKeys>();
        var protocols = new ClinicYear.Protocols(
            screening.Services.GetRequiredService<ScreeningProtocol>(),
            scheduling.Services.GetRequiredService<SchedulingProtocol>(),
            integration.Services.GetRequiredService<IntegrationProtocol>(),
            integration.Services.GetRequiredService<ClinicalProtocol>().Zone());

        var now = DateTimeOffset.UtcNow;
        var tally = new ClinicYear.Tally();
        var records = new List<ClinicRecords>(clinicCount);
        var generation = Clock.Now;
        var report = Math.Max(1, clinicCount / 10);
        var inserting = Task.CompletedTask;
        for (var c = 0; c < clinicCount; c++)
        {
            // Building the next clinic's events (CPU) overlaps the COPY of the previous one (PostgreSQL).
            var year = ClinicYear.Generate(clinics[c], c + 1, now, protocols, stores, tally);
            await inserting;
            inserting = InsertAsync(stores, keys, year);

            // Only the ids stay in memory for the reads; a clinic's events go once they are written.
            records.Add(new ClinicRecords(year.Clinic, year.ScreeningIds, year.CourseIds));
            if ((c + 1) % report == 0)
            {
                Progress.Line($"chain generation: {c + 1}/{clinicCount} clinics, {tally.Events:N0} events, {Clock.Ms(generation, Clock.Now) / 1000:F1} s");
            }
        }

        await inserting;
        var generationSeconds = Clock.Ms(generation, Clock.Now) / 1000;
        var counts = new long[stores.Length];
        for (var s = 0; s < stores.Length; s++)
        {
            foreach (var database in await stores[s].Storage.AllDatabases())
            {
                counts[s] += (await database.FetchEventStoreStatistics()).EventCount;
            }
        }

        var databases = new[] { screening.Services, scheduling.Services, integration.Services }
            .SelectMany(services => services.GetRequiredService<ClinicDatabases>().ConnectionStrings.Values).ToList();

        foreach (var database in databases)
        {
            // Current statistics before the rebuild, as after any bulk load (see Rebuild.RunAsync).
            await Hosts.ExecuteAsync(database, "analyze");
        }

        var bytesAfterGeneration = await SizeAsync(databases);
        Progress.Line($"chain generated: {counts.Sum():N0} events ({string.Join(", ", names.Select((n, i) => $"{n} {counts[i]:N0}"))}) in {generationSeconds:F1} s, "
            + $"{counts.Sum() / generationSeconds:F0} events/s, {bytesAfterGeneration / 1e6:F0} MB");
        Progress.Line($"chain contents: {tally.Describe()}");

        // The three services' rebuilds side by side, as their daemons would run them in production (each service on its
        // own pods; here all share the machine's cores and one PostgreSQL server), each in its two stages (RebuildAllAsync).
        var primaries = new[] { screening.Postgres, scheduling.Postgres, integration.Postgres };
        var databaseNames = primaries.Select(Hosts.DatabaseOf).ToArray();
        var figures = new ServiceFigures[stores.Length];
        var started = Clock.Now;
        await using var sampler = await Sampler.StartAsync(databaseNames);
        await Task.WhenAll(Enumerable.Range(0, stores.Length).Select(async s =>
        {
            var projections = stores[s].Options.Projections.All.Select(p => p.Name).ToArray();
            // Each database's daemon rebuilds its own clinics; databases on different servers share nothing, so they rebuild at once.
            await Task.WhenAll((await stores[s].Storage.AllDatabases()).Select(database =>
                Rebuild.RebuildAllAsync(stores[s], projections, $"chain rebuild {names[s]}", database)));
            var seconds = Clock.Ms(started, Clock.Now) / 1000;
            Progress.Line($"chain rebuild {names[s]}: {projections.Length} projections over {counts[s]:N0} events done after {seconds:F1} s");
            figures[s] = new ServiceFigures(names[s], counts[s], seconds, projections.Length);
        }));
        var rebuildSeconds = Clock.Ms(started, Clock.Now) / 1000;
        Progress.Line($"chain rebuild: {figures.Sum(f => f.Projections)} projections of 3 services over {counts.Sum():N0} events in {rebuildSeconds:F1} s "
            + $"({counts.Sum() / rebuildSeconds:F0} events/s); profile: {await sampler.StopAsync()}");

        foreach (var database in integration.Services.GetRequiredService<ClinicDatabases>().ConnectionStrings.Values)
        {
            await Rebuild.CheckAnalystRowsAsync(database);
        }

        var bytesAfterRebuild = await SizeAsync(databases);
        Progress.Line($"chain databases after the rebuild: {bytesAfterRebuild / 1e6:F0} MB");

        // Reads twice: first right after the rebuild, while autovacuum still works through the rebuilt tables (a figure
        // of its own), then after the VACUUM (ANALYZE) an operator runs once a rebuild is done (README, tuning settings),
        // the figures reported per query: what the clinics' screens see on a settled database.
        await using var readers = new Readers(screening, scheduling, integration);
        Samples duringVacuum;
        await using (var early = await Sampler.StartAsync(databaseNames))
        {
            (_, duringVacuum, _) = await readers.RunAsync(records, readsPerQuery, now, protocols.Zone);
            Progress.Line($"chain reads right after the rebuild, beside autovacuum: {duringVacuum.Describe()}; profile: {await early.StopAsync()}");
        }

        var vacuum = Clock.Now;
        foreach (var database in databases)
        {
            await Hosts.ExecuteAsync(database, "vacuum (analyze)");
        }

        var vacuumSeconds = Clock.Ms(vacuum, Clock.Now) / 1000;
        Progress.Line($"chain vacuum (analyze) of the {databases.Count} databases: {vacuumSeconds:F1} s");
        await using var settled = await Sampler.StartAsync(databaseNames);
        var (perQuery, all, failures) = await readers.RunAsync(records, readsPerQuery, now, protocols.Zone);
        Progress.Line($"chain reads after vacuum: profile: {await settled.StopAsync()}");
        // The analysts' SQL runs per server (docs/scaling.md); the first is the primary's, the one reported.
        var analysts = new List<(Samples Times, string Answer)>();
        foreach (var database in integration.Services.GetRequiredService<ClinicDatabases>().ConnectionStrings.Values)
        {
            analysts.Add(await AnalystAsync(database));
        }

        var (analyst, answer) = analysts[0];
        return new Result(
            clinicCount, figures, rebuildSeconds, generationSeconds, bytesAfterGeneration, bytesAfterRebuild, duringVacuum, vacuumSeconds, perQuery, all, failures, analyst,
            answer);
    }

    /// <summary>What the reads pick from: a clinic's screenings and courses.</summary>
    private sealed record ClinicRecords(string Clinic, IReadOnlyList<Guid> ScreeningIds, IReadOnlyList<Guid> CourseIds);

    /// <summary>
    /// The clinic's keys first, in bulk (the services make them when a screening is referred and a course opens), then
    /// its events, sealed with them.
    /// </summary>
    private static async Task InsertAsync(DocumentStore[] stores, PatientKeys keys, ClinicYear year)
    {
        await keys.EnsureManyAsync([.. year.ScreeningIds.Concat(year.CourseIds).Select(id => (id, Guid.Empty, year.Clinic))], CancellationToken.None);
        await Task.WhenAll(
            stores[0].BulkInsertEventsAsync(year.Clinic, year.Screenings, 5_000),
            stores[1].BulkInsertEventsAsync(year.Clinic, year.Courses, 5_000),
            stores[2].BulkInsertEventsAsync(year.Clinic, year.Outcomes, 5_000));
    }

    private static async Task<long> SizeAsync(IEnumerable<string> databases)
    {
        long total = 0;
        foreach (var database in databases)
        {
            total += await Hosts.ScalarAsync(database, "select pg_database_size(current_database())");
        }

        return total;
    }

    /// <summary>The analyst question over every clinic's rows at once, as the chain's analysts ask it; the first run warms the cache.</summary>
    private static async Task<(Samples Times, string Answer)> AnalystAsync(string connectionString)
    {
        var samples = new Samples();
        var answer = "";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            var started = Clock.Now;
            await using var command = new NpgsqlCommand(AnalystQueries.TrdIvRespondedByWeek4, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            answer = string.Create(CultureInfo.InvariantCulture,
                $"{reader.GetInt64(0)} of {reader.GetInt64(1)} TRD IV courses responded by week 4 ({(reader.IsDBNull(2) ? "n/a" : reader.GetDecimal(2).ToString(CultureInfo.InvariantCulture))} %)");
            if (i > 0)
            {
                samples.Add(Clock.Ms(started, Clock.Now));
            }
        }

        Progress.Line($"chain analyst query (TrdIvRespondedByWeek4, all clinics): {samples.Describe()}; {answer}");
        return (samples, answer);
    }

    /// <summary>The main GETs of the three services, each with a token of one clinic, spread over random clinics.</summary>
    private sealed class Readers(
        ServiceHost<ScreeningServiceMarker> screening, ServiceHost<SchedulingServiceMarker> scheduling, ServiceHost<IntegrationServiceMarker> integration)
        : IAsyncDisposable
    {
        public static readonly string[] Queries =
            ["screening", "review_queue", "scheduling_course", "board", "integration_course", "course_summary", "overdue_integration"];

        private readonly ConcurrentDictionary<(int Query, string Clinic), HttpClient> clients = new();
        private string? firstFailure;

        public async Task<(IReadOnlyDictionary<string, Samples> PerQuery, Samples All, int Failures)> RunAsync(
            IReadOnlyList<ClinicRecords> clinics, int readsPerQuery, DateTimeOffset now, TimeZoneInfo zone)
        {
            // Hundreds of each query, so a p99 is not one sample's luck.
            var reads = readsPerQuery * Queries.Length;
            var perQuery = Queries.ToDictionary(q => q, _ => new Samples());
            var all = new Samples();
            var failures = 0;
            var random = new Random(7);
            var picks = Enumerable.Range(0, reads + Queries.Length * 5).Select(_ => (Clinic: clinics[random.Next(clinics.Count)], Seed: random.Next())).ToArray();

            async Task ReadAsync(int i, bool timed)
            {
                var (clinic, seed) = picks[i];
                var query = i % Queries.Length;
                var path = Path(query, clinic, new Random(seed), now, zone);
                if (path is null)
                {
                    return;
                }

                var client = clients.GetOrAdd((query, clinic.Clinic), key => Client(key.Query, key.Clinic));
                var started = Clock.Now;
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                var ms = Clock.Ms(started, Clock.Now);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode} {path} ({clinic.Clinic}): {body[..Math.Min(300, body.Length)]}", null);
                }
                else if (timed)
                {
                    perQuery[Queries[query]].Add(ms);
                    all.Add(ms);
                }
            }

            // Every query once per worker before timing, so JIT and the pools are warm.
            await Load.ClosedLoopAsync(4, Queries.Length * 5, i => ReadAsync(reads + i, timed: false), "chain read warm-up");
            await Load.ClosedLoopAsync(4, reads, i => ReadAsync(i, timed: true), "chain reads");
            foreach (var (name, samples) in perQuery)
            {
                Progress.Line($"chain read {name}: {samples.Describe()}");
            }

            Progress.Line($"chain reads over {clinics.Count} clinics: {all.Describe()}, failures {failures}{(firstFailure is { } f ? " (first: " + f + ")" : "")}");
            return (perQuery, all, failures);
        }

        private static string? Path(int query, ClinicRecords clinic, Random random, DateTimeOffset now, TimeZoneInfo zone)
        {
            T? Any<T>(IReadOnlyList<T> items) => items.Count == 0 ? default : items[random.Next(items.Count)];
            return Queries[query] switch {
                "screening" => $"/screenings/{Any(clinic.ScreeningIds)}",
                "review_queue" => "/review-queue?limit=20",
                "scheduling_course" when clinic.CourseIds.Count > 0 => $"/courses/{Any(clinic.CourseIds)}",
                "board" => $"/board/{ClinicCalendar.DateOf(now.AddDays(-random.Next(365)), zone):yyyy-MM-dd}",
                "integration_course" when clinic.CourseIds.Count > 0 => $"/courses/{Any(clinic.CourseIds)}",
                "course_summary" when clinic.CourseIds.Count > 0 => $"/courses/{Any(clinic.CourseIds)}/summary",
                "overdue_integration" => "/integration-sessions/overdue?limit=20",
                _ => null,
            };
        }

        private HttpClient Client(int query, string clinic) => query switch {
            < 2 => screening.ClientFor(Roles.Prescriber, "prescriber-1", [clinic]),
            < 4 => scheduling.ClientFor(Roles.Scheduler, "scheduler-1", [clinic]),
            _ => integration.ClientFor(Roles.Therapist, "therapist-1", [clinic]),
        };

        public ValueTask DisposeAsync()
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// One clinic's year, deterministic for its number: 200 to 300 referrals spread evenly over the past 365 days, each
/// screened (referral, intake facts, PHQ-9, GAD-7 and C-SSRS, one eligibility evaluation) and signed off by the real
/// decide functions, so the eligibility rules decide who can be approved. Approved screenings open a course in
/// Scheduling (therapist, preparation, the route's induction doses with check-in, monitoring, CADSS and discharge, an
/// integration session after each dose, about 5 % of sessions cancelled or missed and rebooked) and in Integration
/// (dose records, integration sessions, PHQ-9 at baseline and after doses 2, 4 and 6, adverse events on about 10 % of
/// doses, a serious one with a safety hold on about 1 % of courses, the evaluation). Nothing later than now is written,
/// so the last weeks' courses are still under way.
/// </summary>
internal sealed class ClinicYear
{
    public sealed record Protocols(ScreeningProtocol Screening, SchedulingProtocol Scheduling, IntegrationProtocol Integration, TimeZoneInfo Zone);

    /// <summary>What the chain's year holds, summed over clinics, to check the rates against the intended ones.</summary>
    public sealed class Tally
    {
        public long Events;
        public int Referrals;
        public int Approved;
        public int Declined;
        public int Open;
        public int Courses;
        public int Completed;
        public int Remitters;
        public int Responders;
        public int NonResponders;
        public int Doses;
        public int AdverseEvents;
        public int Holds;
        public int Missed;

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Referrals} referrals: {Approved} approved ({100.0 * Approved / Math.Max(1, Referrals):F0} %), {Declined} declined, {Open} open; {Courses} courses, "
            + $"{Completed} evaluated ({Remitters} remitters, {Responders} responders, {NonResponders} non-responders), {Doses} doses, "
            + $"{AdverseEvents} adverse events ({100.0 * AdverseEvents / Math.Max(1, Doses):F1} % of doses), {Holds} safety holds, {Missed} sessions cancelled or missed");
    }

    private static readonly string[] FirstNames = ["Alex", "Sam", "Jordan", "Maria", "Chen", "Priya", "Tom", "Fatima", "Lena", "Omar", "Grace", "Luis"];
    private static readonly string[] LastNames = ["Miller", "Garcia", "Nguyen", "Smith", "Khan", "Rossi", "Okafor", "Johansson", "Silva", "Cohen"];
    private static readonly string[] Themes = ["grief", "self-worth", "relationships", "work", "body", "meaning", "anger", "sleep"];

    private readonly Random random;
    private readonly DateTimeOffset now;
    private readonly Protocols protocols;
    private readonly Tally tally;
    private readonly Guid[] therapists;
    private readonly Guid[] medical;
    private readonly Guid[] rooms;
    private readonly Guid[] prescribers;
    private readonly Guid[] intake;
    private readonly IDocumentSession screeningSession;
    private readonly IDocumentSession schedulingSession;
    private readonly IDocumentSession integrationSession;

    private ClinicYear(string clinic, int number, DateTimeOffset now, Protocols protocols, DocumentStore[] stores, Tally tally)
    {
        Clinic = clinic;
        random = new Random(number);
        this.now = now;
        this.protocols = protocols;
        this.tally = tally;
        therapists = Ids(4);
        medical = Ids(3);
        rooms = Ids(3);
        prescribers = Ids(2);
        intake = Ids(2);

        // Sessions only build the stream actions (tenant = clinic); nothing is saved through them.
        screeningSession = stores[0].LightweightSession(clinic);
        schedulingSession = stores[1].LightweightSession(clinic);
        integrationSession = stores[2].LightweightSession(clinic);
    }

    public string Clinic { get; }

    public List<StreamAction> Screenings { get; } = [];

    public List<StreamAction> Courses { get; } = [];

    public List<StreamAction> Outcomes { get; } = [];

    public List<Guid> ScreeningIds { get; } = [];

    public List<Guid> CourseIds { get; } = [];

    public static ClinicYear Generate(string clinic, int number, DateTimeOffset now, Protocols protocols, DocumentStore[] stores, Tally tally)
    {
        var year = new ClinicYear(clinic, number, now, protocols, stores, tally);
        var referrals = year.random.Next(200, 301);
        for (var i = 0; i < referrals; i++)
        {
            year.Screening(i, referrals);
        }

        year.screeningSession.Dispose();
        year.schedulingSession.Dispose();
        year.integrationSession.Dispose();
        tally.Events += year.Screenings.Concat(year.Courses).Concat(year.Outcomes).Sum(s => (long)s.Events.Count);
        return year;
    }

    /// <summary>A stream's events up to now: the first event later than now ends it, so a stream never skips ahead.</summary>
    private sealed class Timeline(DateTimeOffset cutoff)
    {
        private bool ended;

        public List<object> Events { get; } = [];

        /// <summary>When the latest event happened: what comes next (a booking) happens after it.</summary>
        public DateTimeOffset Last { get; private set; }

        public void Add(DateTimeOffset at, params object[] events)
        {
            ended |= at > cutoff;
            Last = at > Last ? at : Last;
            if (!ended)
            {
                Events.AddRange(events);
            }
        }
    }

    private void Screening(int number, int referrals)
    {
        var id = NewId();
        var patientId = NewId();
        var clerk = Pick(intake);
        var indication = Weighted((Indication.TreatmentResistantDepression, 70), (Indication.MajorDepressionWithSuicidalIdeation, 12),
            (Indication.SevereAnxiety, 10), (Indication.Ptsd, 8));
        var route = Weighted((TreatmentRoute.IvKetamine, 75), (TreatmentRoute.ImKetamine, 15), (TreatmentRoute.SublingualKetamine, 10));
        var referredAt = now.AddDays(-365 + (365.0 * (number + random.NextDouble()) / referrals));
        var referral = new Referral(
            $"EHR-{Clinic}-{number:D4}", "Dr " + Pick(LastNames), indication, route,
            new PatientIdentity($"{Pick(FirstNames)} {Pick(LastNames)}", DateOnly.FromDateTime(referredAt.UtcDateTime).AddYears(-20 - random.Next(50)).AddDays(-random.Next(365)),
                $"patient{number}@example.org", null));
        var stream = new Timeline(now);
        stream.Add(referredAt, new ScreeningReferred(id, patientId, referral.ExternalReference, referral.ReferringClinician, indication, route, referral.Patient, clerk, referredAt));
        tally.Referrals++;

        // Intake over the following days, a few minutes between facts.
        var at = referredAt.AddDays(1 + random.Next(6)).AddHours(random.Next(8));
        DateTimeOffset Next() => at = at.AddMinutes(3 + random.Next(10));
        var medicalHistory = MedicalHistory();
        var psychiatricHistory = PsychiatricHistory(at);
        var medications = Medications();
        var priorTreatments = PriorTreatments(indication);
        var vitals = Vitals(at);
        var facts = new List<(DateTimeOffset At, object Event, Func<ScreeningCase, ScreeningCase> Apply)>
        {
            (at, new MedicalHistoryRecorded(id, medicalHistory, clerk, at), s => s with { MedicalHistory = medicalHistory }),
            (Next(), new PsychiatricHistoryRecorded(id, psychiatricHistory, clerk, at), s => s with { PsychiatricHistory = psychiatricHistory }),
            (Next(), new MedicationsRecorded(id, medications, clerk, at), s => s with { Medications = medications }),
            (Next(), new PriorTreatmentsRecorded(id, priorTreatments, clerk, at), s => s with { PriorTreatments = priorTreatments }),
            (Next(), new VitalsRecorded(id, vitals, clerk, at), s => s with { Vitals = vitals }),
        };
        foreach (var (code, items) in Instruments(indication))
        {
            facts.Add(Administer(id, code, items, clerk, Next()));
        }

        // About 6 % stall before the facts are complete and stay open.
        var stalled = random.NextDouble() < 0.06;
        var recorded = stalled ? random.Next(1, facts.Count) : facts.Count;
        var state = new ScreeningCase(id, patientId, referral, ScreeningStatus.InProgress, referredAt, referredAt);
        foreach (var fact in facts.Take(recorded))
        {
            stream.Add(fact.At, fact.Event);
            state = fact.Apply(state) with { LastChangedAt = fact.At };
        }

        var evaluatedAt = facts[recorded - 1].At.AddSeconds(1);
        var evaluated = EligibilityEvaluator.Evaluate(state, protocols.Screening, ClinicTime.At(evaluatedAt, protocols.Zone)).ToEvent(id, evaluatedAt);
        stream.Add(evaluatedAt, evaluated);
        state = state with { LastEvaluation = evaluated, Status = ScreeningStatus.AwaitingSignOff };

        // The prescriber signs off a few days later; about 8 % of complete screenings are still waiting at the year's end.
        var signedAt = evaluatedAt.AddDays(1 + random.Next(6)).AddHours(random.Next(6));
        if (stalled || random.NextDouble() < 0.08 || signedAt > now)
        {
            tally.Open++;
            Screenings.Add(screeningSession.Events.StartStream<ScreeningCase>(id, [.. stream.Events]));
            ScreeningIds.Add(id);
            return;
        }

        // The deciders sign: an approval is refused over an ineligible reason, and those are declined; about 5 % more
        // are declined on the prescriber's judgement. Needs-review approvals carry the written justification the rule asks for.
        var signOff = ClinicTime.At(signedAt, protocols.Zone);
        var prescriber = Pick(prescribers);
        var justification = evaluated.Outcome == EligibilityOutcome.NeedsReview ? "Reviewed with the patient: expected benefit outweighs the flagged risk." : null;
        var approval = random.NextDouble() < 0.05
            ? null
            : ApproveScreening.Decide(new ApproveScreening(NewId(), prescriber, justification), state, signOff, protocols.Screening);
        var decision = approval is { IsRejected: false }
            ? approval
            : DeclineScreening.Decide(new DeclineScreening(prescriber, "Not suitable for ketamine treatment at this time."), state, signOff, protocols.Screening);
        if (decision.Rejection is { } refused)
        {
            throw new InvalidOperationException($"The generated screening {id} could not be signed off: {refused.RuleId} {refused.Detail}");
        }

        stream.Add(signedAt, [.. decision.Events]);
        if (decision.Events.OfType<ScreeningApproved>().SingleOrDefault() is { } approved)
        {
            tally.Approved++;
            Course(approved, stream);
        }
        else
        {
            tally.Declined++;
        }

        Screenings.Add(screeningSession.Events.StartStream<ScreeningCase>(id, [.. stream.Events]));
        ScreeningIds.Add(id);
    }

    private (DateTimeOffset At, object Event, Func<ScreeningCase, ScreeningCase> Apply) Administer(
        Guid id, InstrumentCode code, IReadOnlyList<int> items, Guid clerk, DateTimeOffset at)
    {
        var score = InstrumentScorer.Score(code, items).Result ?? throw new InvalidOperationException($"{code}: invalid generated items");
        var administered = new InstrumentAdministered(
            id, score.Instrument, score.Name, score.Items, null, score.Total, score.Band, score.RiskLevel, score.LoincCode, at, clerk, at);
        var latest = new AdministeredInstrument(code, score.Name, score.Items, score.Total, score.Band, score.RiskLevel, at);
        return (at, administered, s => s with { Instruments = [.. s.Instruments.Where(i => i.Instrument != code), latest] });
    }

    /// <summary>The course in Scheduling and in Integration, from the approval on, as the services would record it.</summary>
    private void Course(ScreeningApproved approval, Timeline screening)
    {
        var courseId = approval.CourseId;
        var openedAt = approval.ApprovedAt.AddSeconds(2);
        var opened = (CourseOpened)OpenCourse.Decide(
            new OpenCourse(PatientApprovedForTreatmentV2.From(new PatientApprovedForTreatment(
                courseId, approval.PatientId, approval.ScreeningId, approval.Indication, approval.Route, approval.Conditions, approval.BaselineScores,
                approval.WeightKg, approval.ApprovedAt, approval.ValidUntil, approval.ProtocolVersion))),
            null, ClinicTime.At(openedAt, protocols.Scheduling.ResolveTimeZone()), protocols.Scheduling).Events.Single();
        var plan = opened.Plan;
        var version = protocols.Scheduling.Version;
        var course = new Timeline(now);
        var outcome = new Timeline(now);
        course.Add(openedAt, opened);
        outcome.Add(openedAt, new CourseOutcomeOpened(
            courseId, approval.PatientId, approval.Indication, approval.Route,
            [.. approval.BaselineScores.Select(b => new BaselineScore(b.Instrument, b.Total, b.Band, b.AdministeredAt))],
            approval.ApprovedAt, approval.ProtocolVersion, protocols.Integration.Version, openedAt));
        tally.Courses++;
        CourseIds.Add(courseId);

        var therapist = Pick(therapists);
        var day = openedAt.AddDays(1);
        course.Add(day, new TherapistMatched(courseId, therapist, null, day));
        for (var p = 0; p < plan.PreparationSessions; p++)
        {
            day = day.AddDays(2 + random.Next(4));
            var (preparationId, start, end) = Book(course, courseId, SessionKind.Preparation, day, 60, therapist, null, null, null, version);
            course.Add(end, new SessionHeld(courseId, preparationId, SessionKind.Preparation, therapist, end));
            day = start;
        }

        course.Add(day.AddHours(1), new PreparationPhaseCompleted(courseId, therapist, plan.PreparationSessions, day.AddHours(1)));

        // The patient's trajectory: remitters end below 5, responders at least 50 % lower, the others close to baseline.
        var baseline = approval.BaselineScores.FirstOrDefault(b => b.Instrument == InstrumentCode.Phq9)?.Total ?? random.Next(13, 25);
        var final = Weighted((CourseResponse.Remitter, 30), (CourseResponse.Responder, 22), (CourseResponse.NonResponder, 48)) switch {
            CourseResponse.Remitter => random.Next(1, 5),
            CourseResponse.Responder => Math.Clamp(random.Next(5, (baseline / 2) + 1), 0, baseline / 2),
            _ => Math.Clamp(baseline - random.Next(-3, (baseline * 4 / 10) + 1), 0, 27),
        };
        var serious = random.NextDouble() < 0.01 ? random.Next(1, plan.InductionDosingSessions) : 0;
        var medic = Pick(medical);
        var room = Pick(rooms);
        var weight = approval.WeightKg ?? 75m;
        var doseMg = approval.Route switch {
            TreatmentRoute.IvKetamine => Math.Round(weight * 0.5m, 1),
            TreatmentRoute.ImKetamine => Math.Round(weight * 0.75m, 1),
            _ => 200m,
        };

        var measuredTotals = new List<int>();
        Guid? holdId = null;
        var holdAt = DateTimeOffset.MinValue;
        var lastAt = day;
        var doses = 0;
        day = day.AddDays(3 + random.Next(5));
        for (var k = 1; k <= plan.InductionDosingSessions; k++)
        {
            var (sessionId, start, _) = Book(course, courseId, SessionKind.Dosing, day, plan.DosingBlockMinutes, therapist, medic, room, k, version);
            if (k == 1)
            {
                Measure(outcome, courseId, baseline, start.AddMinutes(-45), therapist, baseline, measuredTotals);
            }

            var intentions = start.AddMinutes(-30);
            outcome.Add(intentions, new IntentionsSet(courseId, NewId(), k, therapist, intentions, "Intentions for this session, in the patient's words."));
            var pre = new VitalsReading(118 + random.Next(20), 72 + random.Next(14), 62 + random.Next(25), start.AddMinutes(10));
            course.Add(start.AddMinutes(10), new CheckInRecorded(courseId, sessionId, pre, true, true, medic, start.AddMinutes(10)));
            var doseAt = start.AddMinutes(20);
            course.Add(doseAt, new DoseStarted(courseId, sessionId, doseMg, medic, version, doseAt));
            outcome.Add(doseAt.AddSeconds(1), new DosingSessionStarted(courseId, sessionId, doseAt, doseAt.AddSeconds(1)));
            var rise = random.NextDouble() < 0.04;
            var peak = new VitalsReading(pre.Systolic + (rise ? 40 + random.Next(10) : random.Next(5, 25)), pre.Diastolic + random.Next(3, 15), pre.HeartRate + random.Next(5, 15), doseAt.AddMinutes(40));
            course.Add(peak.TakenAt, new MonitoringVitalsRecorded(courseId, sessionId, peak, 40, rise, medic));
            var cadss = Items(6, 4, random.Next(2, 14));
            course.Add(doseAt.AddMinutes(45), new CadssRecorded(courseId, sessionId, cadss, cadss.Sum(), therapist, doseAt.AddMinutes(45)));

            if (k == serious)
            {
                holdId = AdverseEvent(outcome, screening, course, approval, sessionId, doseAt, medic, serious: true);
                holdAt = doseAt.AddMinutes(45);
            }
            else if (random.NextDouble() < 0.10)
            {
                AdverseEvent(outcome, screening, course, approval, sessionId, doseAt, medic, serious: false);
            }

            var dischargedAt = doseAt.AddMinutes(130 + random.Next(30));
            var atDischarge = new VitalsReading(pre.Systolic + random.Next(0, 8), pre.Diastolic + random.Next(0, 5), pre.HeartRate, dischargedAt);
            course.Add(dischargedAt, new PatientDischarged(courseId, sessionId, atDischarge, true, true, medic, version, dischargedAt));
            course.Add(dischargedAt, new DosingSessionConcluded(
                courseId, sessionId, k, approval.Route, doseMg, doseAt, dischargedAt, pre, peak, atDischarge, cadss.Sum(), therapist, medic, null));
            outcome.Add(dischargedAt.AddSeconds(5), new DosingSessionRecorded(
                courseId, sessionId, k, approval.Route, doseMg, doseAt, dischargedAt,
                new VitalsSummary(pre.Systolic, pre.Diastolic, peak.Systolic, peak.Diastolic, atDischarge.Systolic, atDischarge.Diastolic, atDischarge.HeartRate, rise),
                cadss.Sum(), therapist, medic, dischargedAt.AddSeconds(5)));
            doses++;
            lastAt = dischargedAt;
            if (holdId is not null)
            {
                break;
            }

            // Integration the next day; PHQ-9 there after doses 2, 4 and 6, on the way from baseline to the final score.
            var (integrationId, _, integrationEnd) = Book(course, courseId, SessionKind.Integration, dischargedAt.AddDays(1), 60, therapist, null, null, null, version);
            course.Add(integrationEnd, new SessionHeld(courseId, integrationId, SessionKind.Integration, therapist, integrationEnd));
            outcome.Add(integrationEnd.AddMinutes(5), new IntegrationSessionHeld(
                courseId, integrationId, sessionId, therapist, integrationEnd, [Pick(Themes), Pick(Themes)], "Session notes.", integrationEnd.AddMinutes(5)));
            if (k % 2 == 0 || k == plan.InductionDosingSessions)
            {
                var progress = (double)k / plan.InductionDosingSessions;
                var total = Math.Clamp((int)Math.Round(baseline + ((final - baseline) * progress)) + random.Next(-2, 3), 0, 27);
                Measure(outcome, courseId, k == plan.InductionDosingSessions ? final : total, integrationEnd.AddMinutes(6), therapist, baseline, measuredTotals);
            }

            lastAt = integrationEnd;
            var next = start.AddDays(2 + random.Next(2));
            day = next > integrationEnd ? next : integrationEnd.AddDays(1);
        }

        tally.Doses += doses;
        var prescriber = Pick(prescribers);
        var evaluatedAt = lastAt.AddDays(2 + random.Next(4));
        var closedBy = "Induction completed";
        if (holdId is { } hold)
        {
            // The prescriber releases the hold only to stop the course: re-screening stays required.
            var released = holdAt.AddDays(2);
            outcome.Add(released, new HoldReleased(courseId, approval.PatientId, hold, "Course stopped after a serious adverse event.", prescriber, released));
            course.Add(released.AddSeconds(3), new SafetyHoldLifted(courseId, hold, released));
            evaluatedAt = released.AddHours(1);
            closedBy = "Stopped after a serious adverse event";
        }

        var (response, recommendation) = Evaluate(baseline, measuredTotals, holdId is not null);
        var evaluated = new CourseEvaluated(
            courseId, response, recommendation, InstrumentCode.Phq9, baseline, measuredTotals.Count > 1 ? measuredTotals[^1] : null, doses, prescriber, evaluatedAt,
            "Evaluation rationale.");
        outcome.Add(evaluatedAt, evaluated, new CourseOutcomeCompleted(courseId, approval.PatientId, response, recommendation, evaluatedAt, protocols.Integration.Version));
        course.Add(evaluatedAt.AddSeconds(4), new TreatmentCourseClosed(courseId, closedBy, evaluatedAt.AddSeconds(4)));
        if (evaluatedAt <= now)
        {
            tally.Completed++;
            tally.Remitters += response == CourseResponse.Remitter ? 1 : 0;
            tally.Responders += response == CourseResponse.Responder ? 1 : 0;
            tally.NonResponders += response is CourseResponse.NonResponder or CourseResponse.NotEvaluable ? 1 : 0;
        }

        Courses.Add(schedulingSession.Events.StartStream<TreatmentCourse>(courseId, [.. course.Events]));
        Outcomes.Add(integrationSession.Events.StartStream<CourseOutcome>(courseId, [.. outcome.Events]));
    }

    /// <summary>
    /// Books a session at a clinic-local hour of <paramref name="day"/>, right after the course's latest event; about
    /// 5 % are cancelled by the patient or missed, and then rebooked two days later.
    /// </summary>
    private (Guid SessionId, DateTimeOffset Start, DateTimeOffset End) Book(
        Timeline course, Guid courseId, SessionKind kind, DateTimeOffset day, int minutes, Guid therapist, Guid? medic, Guid? room, int? dosingNumber, string version)
    {
        while (true)
        {
            var date = ClinicCalendar.DateOf(day, protocols.Zone);
            var start = ClinicCalendar.ToUtc(date, new TimeOnly(kind == SessionKind.Dosing ? 8 + (3 * random.Next(3)) : 9 + random.Next(9), 0), protocols.Zone);
            var bookedAt = course.Last.AddMinutes(5 + random.Next(60));
            var sessionId = NewId();
            course.Add(bookedAt, new SessionBooked(courseId, sessionId, kind, start, start.AddMinutes(minutes), therapist, medic, room, dosingNumber, version, bookedAt));
            if (random.NextDouble() >= 0.05)
            {
                return (sessionId, start, start.AddMinutes(minutes));
            }

            tally.Missed++;
            if (random.NextDouble() < 0.5)
            {
                var cancelledAt = bookedAt + ((start - bookedAt) * (0.3 + (0.6 * random.NextDouble())));
                course.Add(cancelledAt, new BookingCancelled(
                    courseId, sessionId, kind, start, "Patient unwell", CancellationInitiator.Patient, start - cancelledAt < TimeSpan.FromHours(24), null, version, cancelledAt));
            }
            else
            {
                course.Add(start.AddMinutes(30), new PatientMarkedNoShow(courseId, sessionId, kind, start, start.AddMinutes(30)));
            }

            day = start.AddDays(2);
        }
    }

    /// <summary>An adverse event of a dose; a serious one places a safety hold, whose id is returned.</summary>
    private Guid? AdverseEvent(Timeline outcome, Timeline screening, Timeline course, ScreeningApproved approval, Guid sessionId, DateTimeOffset doseAt, Guid medic, bool serious)
    {
        var courseId = approval.CourseId;
        var type = serious
            ? Weighted((AdverseEventType.RespiratoryDepression, 40), (AdverseEventType.SuicidalIdeationOrBehaviour, 30), (AdverseEventType.BloodPressureRise, 30))
            : Weighted((AdverseEventType.NauseaVomiting, 35), (AdverseEventType.Dissociation, 25), (AdverseEventType.BloodPressureRise, 15),
                (AdverseEventType.Sedation, 15), (AdverseEventType.EmergenceReaction, 10));
        var severity = serious ? AdverseEventSeverity.Serious : random.NextDouble() < 0.75 ? AdverseEventSeverity.Mild : AdverseEventSeverity.Moderate;
        var onset = 5 + random.Next(50);
        var occurredAt = doseAt.AddMinutes(onset);
        var id = NewId();
        tally.AdverseEvents++;
        outcome.Add(occurredAt.AddMinutes(10), new AdverseEventRecorded(
            courseId, id, type, severity, occurredAt, onset, sessionId, "Observed during monitoring.", "Monitored; supportive care.", "Resolved before discharge.",
            medic, occurredAt.AddMinutes(10)));
        if (!serious)
        {
            return null;
        }

        // The hold reaches Scheduling and Screening as messages a few seconds after Integration commits it.
        tally.Holds++;
        var holdId = NewId();
        var placedAt = occurredAt.AddMinutes(11);
        var reason = $"{SafetyHoldTrigger.AdverseEvent}: {type} ({severity})";
        outcome.Add(placedAt, new HoldPlaced(courseId, approval.PatientId, holdId, SafetyHoldTrigger.AdverseEvent, reason, id, placedAt));
        course.Add(placedAt.AddSeconds(2), new SafetyHoldApplied(courseId, holdId, reason, placedAt, placedAt.AddSeconds(2)));
        screening.Add(placedAt.AddSeconds(2), new ReScreeningRequired(approval.ScreeningId, approval.PatientId, courseId, holdId, reason, placedAt.AddSeconds(2)));
        return holdId;
    }

    private void Measure(Timeline outcome, Guid courseId, int total, DateTimeOffset at, Guid therapist, int baseline, List<int> totals)
    {
        var items = Items(9, 3, total);
        var score = InstrumentScorer.Score(InstrumentCode.Phq9, items).Result!;
        var measurementId = NewId();
        outcome.Add(at, new OutcomeMeasured(courseId, measurementId, score.Instrument, items, score.Total, score.Band, null, at, therapist));
        if (totals.Count > 0 && score.Total >= baseline + protocols.Integration.Phq9WorseningPoints)
        {
            outcome.Add(at, new WorseningReviewFlagRaised(courseId, measurementId, score.Instrument, baseline, score.Total, at));
        }

        totals.Add(score.Total);
    }

    /// <summary>Response class from the PHQ-9 numbers (remission below 5, response a 50 % drop), as the evaluation computes it.</summary>
    private (CourseResponse, CourseRecommendation) Evaluate(int baseline, List<int> totals, bool stopped)
    {
        if (totals.Count < 2)
        {
            return (CourseResponse.NotEvaluable, CourseRecommendation.Stop);
        }

        var last = totals[^1];
        var response = last < protocols.Integration.Phq9RemissionBelow
            ? CourseResponse.Remitter
            : (baseline - last) * 100 >= baseline * protocols.Integration.ResponseDropPercent ? CourseResponse.Responder : CourseResponse.NonResponder;
        var recommendation = stopped || response == CourseResponse.NonResponder
            ? CourseRecommendation.Stop
            : response == CourseResponse.Remitter && random.NextDouble() < 0.5 ? CourseRecommendation.Discharge : CourseRecommendation.Maintenance;
        return (response, recommendation);
    }

    private MedicalHistory MedicalHistory()
    {
        var hypertension = random.NextDouble() < 0.2;
        return new MedicalHistory(
            hypertension, hypertension && random.NextDouble() < 0.85,
            random.NextDouble() < 0.02 ? [new CardiovascularEvent(CardiovascularEventKind.Arrhythmia, new DateOnly(2015, 3, 1), true)] : [],
            false, false, false, random.NextDouble() < 0.02 ? HepaticImpairment.Mild : HepaticImpairment.None, false,
            random.NextDouble() < 0.005, false, random.NextDouble() < 0.003);
    }

    private PsychiatricHistory PsychiatricHistory(DateTimeOffset at)
    {
        var bipolar = random.NextDouble() < 0.05;
        var substance = random.NextDouble() < 0.06;
        return new PsychiatricHistory(
            random.NextDouble() < 0.02, random.NextDouble() < 0.04, bipolar, false, bipolar, substance,
            substance ? ["alcohol"] : [], substance ? DateOnly.FromDateTime(at.UtcDateTime).AddDays(-400 - random.Next(800)) : null, null);
    }

    private List<Medication> Medications()
    {
        var list = new List<Medication> { new(MedicationClass.Antidepressant, Pick(["sertraline", "escitalopram", "venlafaxine", "bupropion"]), 100m, null) };
        if (random.NextDouble() < 0.15)
        {
            list.Add(new Medication(MedicationClass.Benzodiazepine, "lorazepam", 1m + random.Next(3), 5m + (5 * random.Next(4))));
        }

        if (random.NextDouble() < 0.04)
        {
            list.Add(new Medication(MedicationClass.Psychostimulant, "methylphenidate", 20m, null));
        }

        return list;
    }

    private PriorTreatments PriorTreatments(Indication indication)
    {
        // Treatment-resistant depression means two or more adequate trials that failed; about 8 % were referred with one.
        var trials = indication == Indication.TreatmentResistantDepression && random.NextDouble() >= 0.08 ? 2 + random.Next(3) : 1;
        return new PriorTreatments(
            [.. Enumerable.Range(0, trials).Select(t => new AntidepressantTrial(Pick(["sertraline", "fluoxetine", "duloxetine", "mirtazapine"]), true, 6 + random.Next(7), random.Next(20)))],
            random.NextDouble() < 0.88 ? [new PsychotherapyCourse("CBT", 8 + random.Next(16))] : []);
    }

    private Vitals Vitals(DateTimeOffset at)
    {
        var high = random.NextDouble() < 0.06;
        return new Vitals(high ? 145 + random.Next(25) : 108 + random.Next(32), 64 + random.Next(26), 58 + random.Next(38), 52m + random.Next(60), at);
    }

    /// <summary>C-SSRS (mostly all "no"; about 2 % with recent ideation with intent, high risk), PHQ-9, GAD-7, and PCL-5 for PTSD.</summary>
    private List<(InstrumentCode Code, IReadOnlyList<int> Items)> Instruments(Indication indication)
    {
        var cssrs = random.NextDouble() switch {
            < 0.02 => new[] { 1, 1, 1, 1, 0, 0 },
            < 0.12 => [1, 0, 0, 0, 0, 0],
            _ => [0, 0, 0, 0, 0, 0],
        };
        var list = new List<(InstrumentCode, IReadOnlyList<int>)>
        {
            (InstrumentCode.Phq9, Items(9, 3, indication is Indication.SevereAnxiety or Indication.Ptsd ? random.Next(8, 17) : random.Next(13, 25))),
            (InstrumentCode.Gad7, Items(7, 3, indication == Indication.SevereAnxiety ? random.Next(15, 21) : random.Next(5, 15))),
            (InstrumentCode.CssrsScreener, cssrs),
        };
        if (indication == Indication.Ptsd)
        {
            list.Add((InstrumentCode.Pcl5, Items(20, 4, random.Next(38, 60))));
        }

        return list;
    }

    /// <summary><paramref name="count"/> item answers of at most <paramref name="max"/> each adding up to <paramref name="total"/>.</summary>
    private int[] Items(int count, int max, int total)
    {
        var items = new int[count];
        for (var left = Math.Min(total, count * max); left > 0;)
        {
            var i = random.Next(count);
            if (items[i] < max)
            {
                items[i]++;
                left--;
            }
        }

        return items;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private T Weighted<T>(params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        throw new InvalidOperationException("unreachable: the roll is below the sum of the weights");
    }

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private Guid[] Ids(int count) => [.. Enumerable.Range(0, count).Select(_ => NewId())];
}
