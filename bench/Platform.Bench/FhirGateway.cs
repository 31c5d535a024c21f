using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Platform.Gateway;

namespace Platform.Bench;

/// <summary>
/// What the FHIR gateway costs a reader: the same course read as the REST record (<c>GET /courses/{id}</c>), as the
/// FHIR EpisodeOfCare straight from Integration, and as that EpisodeOfCare through the gateway, interleaved request by
/// request over real loopback sockets so all three meet the same machine. The first difference is the FHIR mapping;
/// the second the gateway's hop (YARP forwarding, one more HTTP round trip).
/// </summary>
internal static class FhirGateway
{
    public sealed record Result(Samples Rest, Samples FhirDirect, Samples FhirGateway);

    public static async Task<Result> RunAsync(int reads, int workers)
    {
        var prefix = ServiceHost.NewEntityPrefix();
        int[] ports = [FreePort(), FreePort(), FreePort()];
        await using var screening = await ServiceHost.StartAsync<ScreeningServiceMarker>(prefix, kestrelPort: ports[0]);
        await using var integration = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix, kestrelPort: ports[1]);
        var gateway = GatewayProgram.Build([
            $"--urls=http://127.0.0.1:{ports[2]}",
            $"--Services:{FhirRoutes.Screening}=http://127.0.0.1:{ports[0]}/",
            $"--Services:{FhirRoutes.Integration}=http://127.0.0.1:{ports[1]}/",
            // Scheduling is not read here; the gateway only needs an address for its cluster.
            $"--Services:{FhirRoutes.Scheduling}=http://127.0.0.1:{ports[1]}/",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await gateway.StartAsync();
        try
        {
            var courses = new Guid[200];
            var now = DateTimeOffset.UtcNow;
            await using (var session = integration.Store.LightweightSession(ClinicScope.Development))
            {
                for (var i = 0; i < courses.Length; i++)
                {
                    courses[i] = Guid.NewGuid();
                    session.Events.StartStream<CourseOutcome>(courses[i], HttpLoad.Opened(courses[i], now));
                }

                await session.SaveChangesAsync();
            }

            using var token = integration.ClientFor(Roles.Therapist, "therapist-bench");
            using var direct = Client(ports[1], token.DefaultRequestHeaders.Authorization!);
            using var viaGateway = Client(ports[2], token.DefaultRequestHeaders.Authorization!);
            Func<int, Task> Read(HttpClient client, string path, Samples into) => async i =>
            {
                var began = Clock.Now;
                using var response = await client.GetAsync(new Uri(string.Format(CultureInfo.InvariantCulture, path, courses[i % courses.Length]), UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                into.Add(Clock.Ms(began, Clock.Now));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                }
            };

            Func<int, Task>[] Kinds(Result into) => [
                Read(direct, "/courses/{0}", into.Rest),
                Read(direct, "/fhir/EpisodeOfCare/{0}", into.FhirDirect),
                Read(viaGateway, "/fhir/EpisodeOfCare/{0}", into.FhirGateway),
            ];

            // Warm-up (JIT, pools, the proxy's connections), not counted; then the three reads interleaved.
            var warmUp = Kinds(new Result(new Samples(), new Samples(), new Samples()));
            await Load.ClosedLoopAsync(workers, 300, i => warmUp[i % 3](i / 3), "fhir warm-up");
            var result = new Result(new Samples(), new Samples(), new Samples());
            var kinds = Kinds(result);
            await Load.ClosedLoopAsync(workers, 3 * reads, i => kinds[i % 3](i / 3), "fhir reads");
            return result;
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    private static HttpClient Client(int port, AuthenticationHeaderValue authorization)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
