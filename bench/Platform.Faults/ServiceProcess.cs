namespace Platform.Faults;

/// <summary>
/// One service as an operating-system process (its built assembly under `dotnet`), so a fault can kill it with
/// SIGKILL exactly as a crash would: no shutdown hook, no flush, in-flight messages unacknowledged.
/// </summary>
/// <param name="network">The network namespace it runs in and its address there (deploy/fault-suite.sh makes it), or
/// null for loopback.</param>
internal sealed class ServiceProcess(
    string name, string assembly, int port, IReadOnlyDictionary<string, string> environment, (string Namespace, string Address)? network = null) : IAsyncDisposable
{
    private readonly string address = network?.Address ?? "127.0.0.1";

    private Process? process;

    public string Name => name;

    /// <summary>The running process's id, or null (killed by a fault, or not started yet).</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    /// <summary>Started and not ended (killed by a fault, or not started yet).</summary>
    public bool Running => process is { HasExited: false };

    public HttpClient Http { get; } = new() { BaseAddress = new Uri($"http://{network?.Address ?? "127.0.0.1"}:{port}"), Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>Where its readiness is read from its own network (as a kubelet on its node would), or null on loopback.</summary>
    public string? Namespace => network?.Namespace;

    public Uri ReadyUrl => new($"http://{address}:{port}/health/ready");

    public async Task StartAsync()
    {
        // `ip netns exec` replaces itself with the command, so the process started is the service: a kill is its crash.
        var start = network is { } n ? new ProcessStartInfo("ip", ["netns", "exec", n.Namespace, "dotnet", assembly]) : new ProcessStartInfo("dotnet", [assembly]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetDirectoryName(assembly)!;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://{address}:{port}";
        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        // Ctrl-C or a failure ends the suite without its disposals; the services must not outlive it.
        var started = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                started.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already ended (killed by a fault, or disposed).
            }
        };

        // The services' logs go to a file per service: the suite's own output stays readable.
        var log = File.AppendText(Path.Combine(Suite.LogFolder, name + ".log"));
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitLiveAsync();
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill would end it.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private async Task WaitLiveAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} while starting; see {Suite.LogFolder}/{name}.log");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer within the client's timeout (a restart under a backlog).
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{name} did not answer /health/live within 120 s");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        process?.Dispose();
    }
}
