using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Integration.Api;
using Microsoft.AspNetCore.Builder;
using Platform.Gateway;
using Scheduling.Api;
using Screening.Api;

namespace EndToEnd.Tests;

/// <summary>
/// The ```bash blocks of the README, docs/*-api.md, docs/fhir.md and docs/privacy.md run verbatim, in file order, in one bash process
/// per file, against the three services and the FHIR gateway on real loopback ports: a stale walkthrough fails here,
/// not in a reader's terminal.
/// </summary>
public sealed partial class DocsRunTests : IAsyncLifetime
{
    public static readonly TheoryData<string> Docs = new()
    {
        "README.md", "docs/screening-api.md", "docs/scheduling-api.md", "docs/integration-api.md", "docs/fhir.md", "docs/privacy.md",
    };

    private static readonly string Root = FindRoot();
    private readonly int[] ports = [FreePort(), FreePort(), FreePort(), FreePort()];
    private ServiceHost<ScreeningServiceMarker>? screening;
    private ServiceHost<SchedulingServiceMarker>? scheduling;
    private ServiceHost<IntegrationServiceMarker>? integration;
    private WebApplication? gateway;

    public async ValueTask InitializeAsync()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        screening = await ServiceHost.StartAsync<ScreeningServiceMarker>(prefix, kestrelPort: ports[0]);
        scheduling = await ServiceHost.StartAsync<SchedulingServiceMarker>(prefix, kestrelPort: ports[1]);
        integration = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix, kestrelPort: ports[2]);
        gateway = GatewayProgram.Build([
            $"--urls=http://127.0.0.1:{ports[3]}",
            $"--Services:{FhirRoutes.Screening}=http://127.0.0.1:{ports[0]}/",
            $"--Services:{FhirRoutes.Scheduling}=http://127.0.0.1:{ports[1]}/",
            $"--Services:{FhirRoutes.Integration}=http://127.0.0.1:{ports[2]}/",
        ]);
        await gateway.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (screening is not null) await screening.DisposeAsync();
        if (scheduling is not null) await scheduling.DisposeAsync();
        if (integration is not null) await integration.DisposeAsync();
        if (gateway is not null) await gateway.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Docs))]
    public async Task Every_bash_block_runs(string doc)
    {
        Assert.True(Which("jq") && Which("curl"), "the docs' blocks need jq and curl on PATH (apt-get install jq curl)");
        var blocks = BashBlock().Matches(await File.ReadAllTextAsync(Path.Combine(Root, doc)))
            .Select(match => match.Groups[1].Value)
            .ToList();
        Assert.True(blocks.Count > 0, $"{doc} has no runnable ```bash block");

        // One bash process per file, so variables carry from block to block; a marker line after each block
        // tells which one failed.
        var script = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            script.AppendLine(blocks[i]).AppendLine($"echo '##block {i + 1} ok' >&2");
        }

        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script.ToString()]) {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SCREENING"] = $"http://127.0.0.1:{ports[0]}";
        start.Environment["SCHEDULING"] = $"http://127.0.0.1:{ports[1]}";
        start.Environment["INTEGRATION"] = $"http://127.0.0.1:{ports[2]}";
        start.Environment["GATEWAY"] = $"http://127.0.0.1:{ports[3]}";
        start.Environment["AUTH_SIGNING_KEY"] = ServiceHost<ScreeningServiceMarker>.SigningKey;
        start.Environment["REPO"] = Root;
        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await bash.WaitForExitAsync(timeout.Token);
        var err = await stderr;
        if (bash.ExitCode == 0)
        {
            return;
        }

        var passed = Regex.Count(err, "##block (\\d+) ok");
        Assert.Fail($"{doc}: bash block {passed + 1} of {blocks.Count} exited {bash.ExitCode}\n"
            + $"--- block ---\n{blocks[passed]}\n--- stdout (tail) ---\n{Tail(await stdout)}\n--- stderr (tail) ---\n{Tail(err)}");
    }

    [GeneratedRegex("^```bash\\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

    private static bool Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test binaries");
    }
}
