using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Platform.Gateway;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Testing;

/// <summary>
/// The FHIR gateway in memory: each service's routes and the fan-out's requests go to the in-memory host given for it
/// (its handler, e.g. a <see cref="ServiceHost{TEntryPoint}"/>'s <c>Server.CreateHandler()</c>) instead of a socket.
/// Every service the routing table names needs a host here.
/// </summary>
public static class InMemoryGateway
{
    public static async Task<WebApplication> StartAsync(IReadOnlyDictionary<string, HttpMessageHandler> hosts, params string[] args)
    {
        var gateway = GatewayProgram.Build(
            [.. FhirRoutes.Services.Select(s => $"--Services:{s}=http://{s}.test/"), .. args],
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddSingleton<IForwarderHttpClientFactory>(new ToHosts(hosts));
                builder.Services.AddHttpClient(FhirFanOut.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new ByHostName(hosts));
            });
        await gateway.StartAsync();
        return gateway;
    }

    /// <summary>Forwards each cluster to its in-memory host instead of over a socket.</summary>
    private sealed class ToHosts(IReadOnlyDictionary<string, HttpMessageHandler> hosts) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(hosts[context.ClusterId], disposeHandler: false);
    }

    /// <summary>The fan-out's client: each request to the in-memory host its host name names (screening.test, …).</summary>
    private sealed class ByHostName(IReadOnlyDictionary<string, HttpMessageHandler> hosts) : HttpMessageHandler
    {
        private readonly Dictionary<string, HttpMessageInvoker> invokers = hosts.ToDictionary(h => h.Key, h => new HttpMessageInvoker(h.Value, disposeHandler: false));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            invokers[request.RequestUri!.Host.Split('.')[0]].SendAsync(request, cancellationToken);
    }
}
