using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Platform.Faults;

/// <summary>
/// The network faults (issue 28): Scheduling runs in a network namespace of its own, joined to this host by a veth
/// pair (deploy/fault-suite.sh makes both). Loss and a partition are nftables rules in that namespace dropping a share
/// of (or every) packet through the pair: its database, its broker and its clients alike. Latency comes from the relays
/// it reaches PostgreSQL and RabbitMQ through (<see cref="DelayRelay"/>), which hold every chunk for the delay each way:
/// this machine's kernel has no tc netem (CONFIG_NET_SCH_NETEM is not set), nor any other queueing discipline that
/// delays. Meanwhile its readiness is read every second from inside the namespace, as the kubelet on its node would
/// read it, so a partition does not hide the answer; it must say ready while the node can work (latency, loss) and not
/// ready while it cannot (a partition).
/// </summary>
internal sealed class Network(ServiceProcess node)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly List<DelayRelay> Relays = [];

    private readonly List<Task> probes = [];
    private readonly List<Readiness> readings = [];
    private TaskCompletionSource healed = new();

    /// <summary>The namespace Scheduling runs in, or null where none could be made (no root): no network faults then.</summary>
    public static string? Namespace => Environment.GetEnvironmentVariable("FAULTS_NETNS");

    private static string Link => Namespace + "n";

    /// <summary>A relay on the host's end of the pair to <paramref name="port"/> on loopback; returns its port.</summary>
    public static int Relay(int port)
    {
        var relay = DelayRelay.Start(IPAddress.Parse(Suite.Env("FAULTS_NETNS_HOST")), new IPEndPoint(IPAddress.Loopback, port));
        Relays.Add(relay);
        return relay.Port;
    }

    /// <summary>Every byte between Scheduling and its database and broker held <paramref name="eachWay"/> in each direction.</summary>
    public async Task DelayAsync(string name, TimeSpan eachWay, TimeSpan duration)
    {
        await RecoveredAsync();
        Relays.ForEach(r => r.Delay = eachWay);
        await FaultAsync(name, cutOff: false, duration);
    }

    /// <summary><paramref name="percent"/> % of the packets through the pair dropped, each way (100: a partition).</summary>
    public async Task DropAsync(string name, int percent, TimeSpan duration)
    {
        await RecoveredAsync();
        var verdict = percent >= 100 ? "drop" : $"numgen random mod 100 < {percent} drop";
        await RunAsync("ip", ["netns", "exec", Namespace!, "nft", "-f", "-"], input: $$"""
            table inet kap_fault {
              chain in { type filter hook input priority 0; policy accept; iifname "{{Link}}" {{verdict}}; }
              chain out { type filter hook output priority 0; policy accept; oifname "{{Link}}" {{verdict}}; }
            }
            """);
        await FaultAsync(name, cutOff: percent >= 100, duration);
    }

    /// <summary>A plain link again; the probe goes on until the node says ready again.</summary>
    public async Task HealAsync()
    {
        Relays.ForEach(r => r.Delay = TimeSpan.Zero);
        await RunAsync("ip", ["netns", "exec", Namespace!, "nft", "delete", "table", "inet", "kap_fault"], check: false);
        healed.TrySetResult();
    }

    /// <summary>Every network fault's readiness, once each probe has seen the node ready again after its heal.</summary>
    public async Task<IReadOnlyList<Readiness>> ReadingsAsync()
    {
        await Task.WhenAll(probes);
        return readings;
    }

    /// <summary>
    /// Until the node said "ready" after every earlier fault. The faults follow each other within a second or two, and
    /// a fault begun before that was read as the earlier one's slow recovery: after 5 % loss, the partition that came
    /// next showed as 8 to 12 s of "ready again" with every check timing out.
    /// </summary>
    private Task RecoveredAsync() => Task.WhenAll(probes);

    private async Task FaultAsync(string name, bool cutOff, TimeSpan duration)
    {
        healed = new TaskCompletionSource();
        var reading = new Readiness(name, cutOff);
        readings.Add(reading);
        probes.Add(ProbeAsync(reading, Stopwatch.StartNew(), healed.Task));
        await Task.Delay(duration);
    }

    private async Task ProbeAsync(Readiness reading, Stopwatch clock, Task heal)
    {
        double? healedAt = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var at = clock.Elapsed.TotalSeconds;
            var (status, failing) = await ReadyStatusAsync();
            if (heal.IsCompleted)
            {
                healedAt ??= at;
                if (status == "200")
                {
                    reading.ReadyAgainSeconds = at - healedAt.Value;
                    return;
                }

                reading.FailingAfterHeal.UnionWith(failing.Length > 0 ? failing : [$"status {status}"]);
            }
            else
            {
                reading.Record(at, status, failing);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// The HTTP status of /health/ready read inside the node's namespace ("none" without an answer in 5 s), and the
    /// checks that were not healthy.
    /// </summary>
    private async Task<(string Status, string[] Failing)> ReadyStatusAsync()
    {
        var seconds = ProbeTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var output = await RunAsync(
            "ip", ["netns", "exec", node.Namespace!, "curl", "-s", "-m", seconds, "-w", "\n%{http_code}", node.ReadyUrl.ToString()], check: false);
        var lines = output.Split('\n');
        var status = lines[^1] is "200" or "503" ? lines[^1] : "none";
        try
        {
            var failing = status == "none" ? [] : JsonDocument.Parse(lines[0]).RootElement.GetProperty("checks").EnumerateObject()
                .Where(c => c.Value.GetProperty("status").GetString() != "Healthy")
                .Select(c => $"{c.Name}: {c.Value.GetProperty("description").GetString()}").ToArray();
            return (status, failing);
        }
        catch (JsonException)
        {
            return (status, []);
        }
    }

    private static async Task<string> RunAsync(string file, string[] arguments, bool check = true, string? input = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return (await output).Trim();
    }
}

/// <summary>
/// What the node's readiness said during one network fault: each second's answer until the heal, then how long until
/// it said ready again. <paramref name="CutOff"/>: the node cannot reach its database or broker, so the truth is "not
/// ready" (from a few seconds after the cut, the checks' timeout); otherwise it can work, slower, and the truth is "ready".
/// The answers are judged as the kubelet acts on them (deploy/k8s: failureThreshold 3, successThreshold 1): one "ready"
/// puts a node back in service, and only a third failed answer in a row takes it out. A single probe past its bound on
/// a lossy link (a lost SYN alone costs a second, twice three) is not a lie; three in a row, at this suite's
/// one-second period, would be.
/// </summary>
internal sealed record Readiness(string Fault, bool CutOff)
{
    /// <summary>Seconds a check may take to notice a cut: the readiness checks' own timeout plus a probe's period.</summary>
    public const double Notice = 10;

    /// <summary>Failed answers in a row that take a node out of service (the manifests' readiness failureThreshold).</summary>
    public const int FailureThreshold = 3;

    private int failedInARow;

    public int Ready { get; private set; }

    public int NotReady { get; private set; }

    public int NoAnswer { get; private set; }

    /// <summary>
    /// Answers that were not the truth and that the kubelet would act on: "ready" after the notice period of a cut;
    /// otherwise a failed answer that is the <see cref="FailureThreshold"/>th or later in a row.
    /// </summary>
    public int Untrue { get; private set; }

    public double? FirstNotReadySeconds { get; private set; }

    public double? ReadyAgainSeconds { get; set; }

    public bool Truthful => Untrue == 0 && ReadyAgainSeconds is not null && (!CutOff || FirstNotReadySeconds is not null);

    /// <summary>The checks that said "not healthy", with their descriptions, each once.</summary>
    public SortedSet<string> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>What kept the node from saying "ready" once healed: the checks not healthy, or the answer's status.</summary>
    public SortedSet<string> FailingAfterHeal { get; } = new(StringComparer.Ordinal);

    public void Record(double at, string status, string[] failing)
    {
        Failing.UnionWith(failing);
        switch (status)
        {
            case "200":
                Ready++;
                break;
            case "503":
                NotReady++;
                FirstNotReadySeconds ??= at;
                break;
            default:
                NoAnswer++;
                break;
        }

        failedInARow = status == "200" ? 0 : failedInARow + 1;
        if (CutOff ? status == "200" && at > Notice : failedInARow >= FailureThreshold)
        {
            Untrue++;
        }
    }
}
