using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Platform.Gateway;

namespace Gateway.Tests;

/// <summary>The platform's identity provider, started once for the SMART configuration tests.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public IdentityHost Provider { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Provider = await IdentityHost.StartAsync();

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

/// <summary>GET /fhir/.well-known/smart-configuration: public, built from the identity provider's discovery document.</summary>
public sealed class SmartConfigurationTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SmartConfigurationAsync(params string[] args)
    {
        // The services are never asked here; the gateway only needs to know where they would be.
        string[] services = [$"--Services:{FhirRoutes.Screening}=http://screening.test/", $"--Services:{FhirRoutes.Scheduling}=http://scheduling.test/",
            $"--Services:{FhirRoutes.Integration}=http://integration.test/"];
        await using var gateway = GatewayProgram.Build([.. services, .. args], builder => builder.WebHost.UseTestServer());
        await gateway.StartAsync();
        using var response = await gateway.GetTestClient().GetAsync(new Uri(SmartConfiguration.Path, UriKind.Relative));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task It_names_the_providers_endpoints_and_what_the_platform_honours()
    {
        var authority = fixture.Provider.Authority;

        var (status, smart) = await SmartConfigurationAsync($"--Auth:Authority={authority}", "--Auth:RequireHttpsMetadata=false");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(authority, smart.GetProperty("issuer").GetString());
        Assert.Equal($"{authority}connect/authorize", smart.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{authority}connect/token", smart.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{authority}.well-known/jwks", smart.GetProperty("jwks_uri").GetString());
        Assert.Equal(["S256"], smart.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var capabilities = smart.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("permission-v2", capabilities);
        Assert.Contains("client-confidential-symmetric", capabilities);
        Assert.DoesNotContain("launch-ehr", capabilities); // no EHR launch context here
        Assert.Contains("system/*.rs", smart.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Read_through_an_internal_address_it_still_names_the_public_one()
    {
        var (status, smart) = await SmartConfigurationAsync(
            "--Auth:Authority=https://sign-in.clinic.example/", $"--Auth:MetadataAddress={fixture.Provider.Authority}.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("https://sign-in.clinic.example/connect/token", smart.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://sign-in.clinic.example/.well-known/jwks", smart.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Without_a_provider_it_says_so()
    {
        var (status, outcome) = await SmartConfigurationAsync();

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
    }
}
