using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway;
using Platform.ServiceDefaults.Auth;
using Screening.Api;
using Yarp.ReverseProxy.Forwarder;
using Task = System.Threading.Tasks.Task;

namespace Gateway.Tests;

/// <summary>Screening on its own database, as its integration tests host it.</summary>
public sealed class ScreeningBehindGateway : ServiceApp<ScreeningServiceMarker>;

/// <summary>The gateway in memory, its Screening route pointed at the Screening host of the fixture.</summary>
public sealed class GatewayFhirTests(ScreeningBehindGateway screening) : IClassFixture<ScreeningBehindGateway>, IAsyncLifetime
{
    private WebApplication? gateway;

    private HttpClient Client => gateway!.GetTestClient();

    public async ValueTask InitializeAsync()
    {
        gateway = GatewayProgram.Build(
            [$"--Services:{FhirRoutes.Screening}=http://screening.test/"],
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddSingleton<IForwarderHttpClientFactory>(new ToHost(screening.Host.Server.CreateHandler()));
            });
        await gateway.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metadata_is_public_valid_and_lists_exactly_the_routed_resources()
    {
        using var response = await Client.GetAsync(new Uri("/fhir/metadata", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statement = await FhirValidation.AssertValidAsync<CapabilityStatement>(response);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(FhirRoutes.Table.Select(r => r.Type), statement.Rest.Single().Resource.Select(r => r.Type));
        var patient = statement.Rest.Single().Resource.Single(r => r.Type == "Patient");
        Assert.Equal(["_id", "birthdate"], patient.SearchParam.Select(p => p.Name));
    }

    [Fact]
    public void The_table_lists_exactly_the_search_parameters_screening_accepts()
    {
        string[] Listed(string type) => [.. FhirRoutes.Table.Single(r => r.Type == type).SearchParameters.Select(p => p.Name)];

        Assert.Equal(Screening.Api.Fhir.FhirPatients.SearchParameters, Listed("Patient"));
        Assert.Equal(Screening.Api.Fhir.FhirServiceRequests.SearchParameters, Listed("ServiceRequest"));
    }

    [Fact]
    public async Task A_patient_read_reaches_screening_with_the_callers_token()
    {
        using var anonymous = await Client.GetAsync(new Uri($"/fhir/Patient/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode); // Screening's answer: the gateway does not authenticate
        await FhirValidation.AssertValidAsync<OperationOutcome>(anonymous);

        using var token = screening.Host.ClientFor(Roles.Intake, "intake-gw");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Patient/{Guid.NewGuid()}");
        request.Headers.Authorization = token.DefaultRequestHeaders.Authorization;
        using var unknown = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(unknown);
        Assert.Contains("was not found", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    /// <summary>Forwards to the in-memory Screening host instead of over a socket.</summary>
    private sealed class ToHost(HttpMessageHandler handler) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(handler, disposeHandler: false);
    }
}
