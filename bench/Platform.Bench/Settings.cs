using Platform.ServiceDefaults.Http;

namespace Platform.Bench;

internal sealed record Settings(
    string Mode, long Events, int Courses, double Seconds, double Rate, int Commands, int Backlog, int Reads, int Workers,
    string[] Phases, string[] Modes, int Clinics, int Servers = 1)
{
    public const string DefaultMode = "PostCommit";

    private static readonly string[] AllPhases = ["http", "fhir", "propagation", "throughput", "rebuild", "chain"];

    public static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                dir = dir.Parent ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
            }

            return dir.FullName;
        }
    }

    /// <summary>The one-minute load average (/proc/loadavg); NaN where there is none.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;

    /// <summary>Requests each service serves at once (--admission P/Q); as deployed unless the run says otherwise.</summary>
    public int Permits { get; init; } = EdgeProtection.DefaultMaxConcurrentRequests;

    /// <summary>Requests each service queues beyond <see cref="Permits"/>.</summary>
    public int Queue { get; init; } = EdgeProtection.DefaultRequestQueueLimit;

    public bool Runs(string phase) => Phases.Contains(phase);

    public bool RunsAllPhases => AllPhases.All(Phases.Contains);

    /// <summary>Whether the services run with the admission limit as deployed (Http:MaxConcurrentRequests / Http:RequestQueueLimit).</summary>
    public bool DeployedAdmission => Permits == EdgeProtection.DefaultMaxConcurrentRequests && Queue == EdgeProtection.DefaultRequestQueueLimit;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"mode {Mode}: --events {Events} --courses {Courses} --seconds {Seconds} --rate {Rate} --commands {Commands} --backlog {Backlog} --clinics {Clinics} --servers {Servers} --admission {Permits}/{Queue} --phases {string.Join(',', Phases)} --modes {string.Join(',', Modes)}");

    public static Settings Parse(string[] args)
    {
        var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var quick = mode == "quick";
        if (mode is not ("all" or "quick"))
        {
            throw new ArgumentException($"Unknown mode '{mode}': use all or quick.");
        }

        // Quick is the CI smoke run: every phase once, small enough for seconds, no figure worth comparing.
        var s = quick
            ? new Settings(mode, 4_000, 2_000, 2, 100, 200, 500, 60, 8, AllPhases, [DefaultMode], 3)
            : new Settings(mode, 1_000_000, 1_000_000, 30, 200, 4_000, 20_000, 600, 8, AllPhases, ["Polling", "ListenNotify", DefaultMode], 100);
        for (var i = 0; i < args.Length - 1; i++)
        {
            var v = args[i + 1];
            s = args[i] switch {
                "--events" => s with { Events = long.Parse(v, CultureInfo.InvariantCulture) },
                "--courses" => s with { Courses = int.Parse(v, CultureInfo.InvariantCulture) },
                "--seconds" => s with { Seconds = double.Parse(v, CultureInfo.InvariantCulture) },
                "--rate" => s with { Rate = double.Parse(v, CultureInfo.InvariantCulture) },
                "--commands" => s with { Commands = int.Parse(v, CultureInfo.InvariantCulture) },
                "--backlog" => s with { Backlog = int.Parse(v, CultureInfo.InvariantCulture) },
                "--reads" => s with { Reads = int.Parse(v, CultureInfo.InvariantCulture) },
                "--phases" => s with { Phases = v.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--modes" => s with { Modes = v.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--clinics" => s with { Clinics = int.Parse(v, CultureInfo.InvariantCulture) },
                "--servers" => s with { Servers = int.Parse(v, CultureInfo.InvariantCulture) },
                "--admission" when v.Split('/') is [var permits, var queue] =>
                    s with { Permits = int.Parse(permits, CultureInfo.InvariantCulture), Queue = int.Parse(queue, CultureInfo.InvariantCulture) },
                "--admission" => throw new ArgumentException("--admission takes PERMITS/QUEUE, e.g. 8/8."),
                _ => s,
            };
        }

        if (s.Clinics is < 1 or > 999)
        {
            throw new ArgumentException("--clinics must be between 1 and 999 (clinic ids c001 to c999).");
        }

        if (s.Servers is not (1 or 2))
        {
            throw new ArgumentException("--servers must be 1 or 2 (the chain year's clinics on one PostgreSQL server or split over two).");
        }

        if (s.Permits < 1 || s.Queue < 0)
        {
            throw new ArgumentException("--admission needs at least 1 permit and a queue of 0 or more.");
        }

        if (s.Events < s.Courses)
        {
            throw new ArgumentException("--events must be at least --courses (every course opens with one event).");
        }

        return s;
    }
}
