using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Platform.Faults;

/// <summary>
/// The disaster drill (issue 28): the database server is lost and restored from a base backup plus the WAL archive
/// into a fresh data folder, to a moment T in the middle of the traffic, while RabbitMQ and whatever it still holds
/// live on. A base backup is taken (deploy/backup.sh), approvals run at a steady pace for <see cref="Traffic"/>, T is
/// their middle; then the services are killed, PostgreSQL crashes and its data folder is set aside (the lost server),
/// a trial restore to the latest archived WAL counts what a restore without a target would have lost (the RPO), and
/// the restore to T (deploy/restore.sh --to T --archive) becomes the suite's server. RTO: from the start of that restore
/// until the services run on it and a new approval's course is in Scheduling and Integration.
/// </summary>
internal sealed class RestoreDrill(Clinic clinic, IReadOnlyList<ServiceProcess> services)
{
    public const string Name = "PostgreSQL lost, restored to a point in time from a base backup and the WAL archive";

    /// <summary>
    /// Long enough that the traffic after T outlasts archive_timeout (10 s): the segment holding T and a commit after
    /// it are archived before the loss, as they are when a restore target lies minutes back.
    /// </summary>
    private static readonly TimeSpan Traffic = TimeSpan.FromSeconds(24);

    public async Task<PhaseResult> RunAsync(int count, ConcurrentDictionary<Guid, Guid> acknowledged)
    {
        var screenings = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count + 1), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (_, ct) => screenings.Add(await clinic.ReadyScreeningAsync(ct)));
        var probe = screenings.First();
        var traffic = screenings.Skip(1).ToList();

        var backup = await Infra.BackupAsync("drill");
        Suite.Line($"restore drill: {backup}");

        // Approvals started at a steady pace; each records when its answer arrived, so "acknowledged before T" means
        // committed before T (one clock: the server runs on this machine).
        var answered = new ConcurrentDictionary<Guid, (Guid Course, DateTimeOffset At)>();
        var interval = Traffic / traffic.Count;
        var started = DateTimeOffset.UtcNow;
        var target = started + (Traffic / 2) - (interval / 2);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var approvals = traffic.Select(async (screening, i) =>
        {
            await Task.Delay(interval * i);
            var course = await clinic.ApproveAsync(screening, limit.Token);
            answered[screening] = (course, DateTimeOffset.UtcNow);
        }).ToList();
        await Task.Delay(target - DateTimeOffset.UtcNow);
        var targetLsn = await ScalarAsync<string>("select pg_current_wal_insert_lsn()::text");
        await Task.WhenAll(approvals);
        var before = answered.Where(a => a.Value.At < target).ToDictionary(a => a.Key, a => a.Value.Course);
        var after = answered.Where(a => a.Value.At >= target).ToDictionary(a => a.Key, a => a.Value.Course);

        // The restore to T needs T's segment in the archive; archive_timeout puts it there within 10 s of T.
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30) && !await ScalarAsync<bool>(
            "select coalesce(last_archived_wal >= pg_walfile_name(@lsn::pg_lsn) and last_archived_time > @after, false) from pg_stat_archiver",
            ("lsn", targetLsn), ("after", target.AddSeconds(2))))
        {
            await Task.Delay(200);
        }

        var behind = await ScalarAsync<double>("select coalesce(extract(epoch from now() - last_archived_time), -1)::float8 from pg_stat_archiver");
        var lastAnswer = answered.Values.Max(a => a.At);
        Suite.Line(string.Create(CultureInfo.InvariantCulture,
            $"restore drill: {before.Count} approvals acknowledged before T = {target:HH:mm:ss.fff}, {after.Count} after; the server is lost {(DateTimeOffset.UtcNow - lastAnswer).TotalSeconds:F1} s after the last one, its archive {behind:F1} s behind"));

        var running = services.Where(s => s.Running).ToList();
        foreach (var service in running)
        {
            await service.KillAsync();
        }

        await Infra.StopPostgresAsync();
        // Pooled connections to the lost server would fail once each on the next servers.
        NpgsqlConnection.ClearAllPools();
        var lost = Infra.SetDataAside();

        // What a restore to the end of the archive keeps: the RPO when the target is "as late as possible".
        var trial = Path.Combine(Infra.PostgresFolder, "trial");
        var trialRestore = await Infra.RestoreAsync(backup, trial, to: null, archive: false);
        var surviving = await ApprovedScreeningsAsync();
        await Infra.StopAsync(trial);
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(trial, recursive: true);
        var lostAtLatest = answered.Where(a => !surviving.Contains(a.Key)).ToList();
        var rpo = lostAtLatest.Count == 0 ? 0 : (lastAnswer - lostAtLatest.Min(a => a.Value.At)).TotalSeconds;
        Suite.Line(string.Create(CultureInfo.InvariantCulture,
            $"restore drill: to the latest archived WAL ({trialRestore:F1} s): {answered.Count - lostAtLatest.Count} of {answered.Count} acknowledged approvals kept, {lostAtLatest.Count} lost (RPO {rpo:F1} s of acknowledged work)"));

        // The restore that counts: to T, into the suite's (now empty) data folder, archiving again.
        var rto = Stopwatch.StartNew();
        var restoreSeconds = await Infra.RestoreAsync(backup, Infra.DataFolder, target, archive: true);
        Directory.Delete(lost, recursive: true);
        await Task.WhenAll(running.Select(s => s.StartAsync()));
        var liveSeconds = rto.Elapsed.TotalSeconds;
        var probeCourse = await clinic.ApproveAsync(probe, limit.Token);
        while (!await Suite.InBothAsync(clinic, probeCourse) && rto.Elapsed < TimeSpan.FromSeconds(180))
        {
            await Task.Delay(100);
        }

        var rtoSeconds = rto.Elapsed.TotalSeconds;
        var restored = await ApprovedScreeningsAsync();
        var pending = before.Values.ToHashSet();
        await SweepAsync(pending);
        var missingAtStart = pending.Count;
        while (pending.Count > 0 && rto.Elapsed < TimeSpan.FromSeconds(180))
        {
            await Task.Delay(200);
            await SweepAsync(pending);
        }

        var allSeconds = rto.Elapsed.TotalSeconds;
        var beforeMissingInScreening = before.Keys.Count(s => !restored.Contains(s));
        var afterKept = after.Keys.Count(restored.Contains);
        // Messages the lost server published after T and RabbitMQ still held arrive at the restored services: a course
        // whose approval the restored Screening does not have.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var orphans = await OrphansAsync();
        Suite.Line(string.Create(CultureInfo.InvariantCulture,
            $"restore drill: restored to T in {restoreSeconds:F1} s, the services live at {liveSeconds:F1} s, a new approval's course in both services {rtoSeconds:F1} s after the restore began (RTO); "
            + $"acknowledged before T: {before.Count}, {beforeMissingInScreening} missing in Screening, {pending.Count} without their course in both services; "
            + $"past the restore point: {after.Count} ({afterKept} kept all the same); courses without their approval in Screening: {orphans}"));

        foreach (var (screening, (course, _)) in answered)
        {
            acknowledged[screening] = course;
        }

        acknowledged[probe] = probeCourse;
        Summary = new DrillSummary(before.Count, after.Count, afterKept, lostAtLatest.Count, rpo, behind, restoreSeconds, rtoSeconds, orphans);
        return new PhaseResult(Name, 1, false, before.Count + 1, after.Count, missingAtStart, beforeMissingInScreening + pending.Count, 0, 0,
            restoreSeconds, rtoSeconds, allSeconds);
    }

    public DrillSummary? Summary { get; private set; }

    /// <summary>Takes out of <paramref name="pending"/> the courses now open in both services.</summary>
    private async Task SweepAsync(HashSet<Guid> pending)
    {
        foreach (var course in pending.ToList())
        {
            if (await Suite.InBothAsync(clinic, course))
            {
                pending.Remove(course);
            }
        }
    }

    private static async Task<HashSet<Guid>> ApprovedScreeningsAsync()
    {
        await using var connection = new NpgsqlConnection(Suite.AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select stream_id from screening.mt_events where type = 'screening_approved'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var approved = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            approved.Add(reader.GetGuid(0));
        }

        return approved;
    }

    /// <summary>Courses in Scheduling or Integration that no approval in Screening opened.</summary>
    private static Task<long> OrphansAsync() => ScalarAsync<long>(
        """
        select count(*) from (
          select stream_id from scheduling.mt_events where type = 'course_opened'
          union select stream_id from integration.mt_events where type = 'course_outcome_opened'
        ) c where c.stream_id not in (select (data->>'CourseId')::uuid from screening.mt_events where type = 'screening_approved')
        """);

    private static async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Suite.AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The drill's figures for the suite's closing lines.</summary>
internal sealed record DrillSummary(
    int Before, int After, int AfterKept, int LostAtLatest, double RpoSeconds, double ArchiveBehindSeconds, double RestoreSeconds, double RtoSeconds,
    long Orphans);
