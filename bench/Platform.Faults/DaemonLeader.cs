using Npgsql;

namespace Platform.Faults;

/// <summary>
/// Two nodes of one service on one database and broker. Both serve HTTP and consume; each projection shard and the
/// outbox relay runs on the node holding its advisory lock (Marten's hot/cold election). The fault kills the node
/// holding the most of them with SIGKILL and measures how long until the other holds every one it held.
/// </summary>
internal sealed class DaemonLeader(ServiceProcess first, ServiceProcess second, string databaseUser)
{
    private ServiceProcess? killed;
    private bool secondStarted;

    /// <summary>Seconds from each kill until the other node held every lock the killed one held.</summary>
    public List<double> Takeovers { get; } = [];

    public async Task KillLeaderAsync()
    {
        if (!secondStarted)
        {
            await second.StartAsync();
            secondStarted = true;
        }

        // Locks held a second apart, so a stream's transaction lock taken in passing is not mistaken for the daemon's.
        var before = await LocksAsync();
        await Task.Delay(1000);
        // Each shard's lock is won on its own, so two nodes may share the work; the one running more of it is killed.
        var leader = (await LocksAsync()).Where(before.Contains).GroupBy(l => l.Node).MaxBy(g => g.Count())
            ?? throw new InvalidOperationException("no node holds the daemon's locks");
        var held = leader.ToList();
        killed = leader.Key == first.Name ? first : second;
        var clock = Stopwatch.StartNew();
        await killed.KillAsync();
        var survivor = killed == first ? second : first;
        var wanted = held.Select(l => (survivor.Name, l.Lock)).ToHashSet();
        while (!wanted.IsSubsetOf(await LocksAsync()))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"{survivor.Name} did not take the daemon's locks within 120 s of {killed.Name}'s kill");
            }

            await Task.Delay(100);
        }

        Takeovers.Add(clock.Elapsed.TotalSeconds);
        Suite.Line($"daemon leader {killed.Name} killed; {survivor.Name} held all {held.Count} of its locks {clock.Elapsed.TotalSeconds:F1} s later");
    }

    public Task RestartAsync() => killed!.StartAsync();

    /// <summary>The session advisory locks the service's nodes hold, by node (its PostgreSQL application name).</summary>
    private async Task<HashSet<(string Node, long Lock)>> LocksAsync()
    {
        await using var connection = new NpgsqlConnection(Suite.AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select a.application_name, (l.classid::bigint << 32) | l.objid::bigint
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.usename = @user
            """, connection);
        command.Parameters.AddWithValue("user", databaseUser);
        var locks = new HashSet<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            locks.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return locks;
    }
}
