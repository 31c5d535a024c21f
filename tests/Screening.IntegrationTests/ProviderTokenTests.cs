using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Screening.Api;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// Screening as production runs it: it trusts only the platform's identity provider (Auth:Authority, no development
/// key), which runs beside it on a real port with its own database.
/// </summary>
public sealed class ProviderTokenApp : IAsyncLifetime
{
    public IdentityHost Provider { get; private set; } = null!;

    /// <summary>Validates the provider's tokens by signature and claims alone.</summary>
    public ServiceHost<ScreeningServiceMarker> Host { get; private set; } = null!;

    /// <summary>Also asks the provider whether each token is still active (Auth:Introspection), as compose runs it.</summary>
    public ServiceHost<ScreeningServiceMarker> Introspecting { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Provider = await IdentityHost.StartAsync();
        var settings = new Dictionary<string, string> {
            ["Auth:Authority"] = Provider.Authority,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:KeyRefreshSeconds"] = "1",
            ["Auth:SigningKey"] = "", // no development tokens: the provider's only, as outside Development
        };
        Host = await ServiceHost.StartAsync<ScreeningServiceMarker>(ServiceHost.NewEntityPrefix(), settings: settings);
        Introspecting = await ServiceHost.StartAsync<ScreeningServiceMarker>(ServiceHost.NewEntityPrefix(), settings: new Dictionary<string, string>(settings) {
            ["Auth:Introspection:ClientId"] = IdentityHost.IntrospectionClient,
            ["Auth:Introspection:ClientSecret"] = IdentityHost.IntrospectionSecret,
            ["Auth:Introspection:CacheSeconds"] = "1",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Introspecting.DisposeAsync();
        await Provider.DisposeAsync();
    }

    public HttpClient With(string token, bool introspecting = false)
    {
        var client = (introspecting ? Introspecting : Host).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class ProviderTokenTests(ProviderTokenApp app) : IClassFixture<ProviderTokenApp>
{
    private async Task<string> EhrTokenAsync() =>
        (await app.Provider.ClientCredentialsTokenAsync("clinic-ehr", "clinic-ehr-dev-secret", "system/*.rs system/*.cruds")).RequireAccessToken();

    [Fact]
    public async Task A_clinic_system_with_client_credentials_refers_and_reads_over_fhir()
    {
        using var ehr = app.With(await EhrTokenAsync());

        var referral = await ReferAsync(ehr);
        using var request = await ehr.GetAsync(new Uri($"/fhir/ServiceRequest/{referral.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
    }

    [Fact]
    public async Task A_clinician_signed_in_with_the_code_flow_acts_as_themself()
    {
        var answer = await app.Provider.CodeFlowTokenAsync("kap-clinician", "dev-prescriber", "dev-prescriber-password", "openid offline_access user/*.cruds");
        using var prescriber = app.With(answer.RequireAccessToken());

        using var queue = await prescriber.GetAsync(new Uri("/review-queue", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);

        // The acting clinician is the provider's subject: the access audit names dev-prescriber.
        using var ehr = app.With(await EhrTokenAsync());
        var referral = await ReferAsync(ehr);
        using var read = await prescriber.GetAsync(new Uri($"/screenings/{referral.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var officer = await app.Provider.ClientCredentialsTokenAsync("dev-privacy-officer", "dev-privacy-officer-secret", "user/*.cruds");
        using var audit = await app.With(officer.RequireAccessToken())
            .GetAsync(new Uri($"/audit/access?recordId={referral.PatientId}&subject=dev-prescriber", UriKind.Relative));
        using var rows = JsonDocument.Parse(await audit.Content.ReadAsStringAsync());
        Assert.NotEmpty(rows.RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up_without_restarting_the_service()
    {
        var before = await EhrTokenAsync();
        using (var first = app.With(before))
        {
            using var answer = await first.GetAsync(new Uri("/fhir/ServiceRequest?_id=" + Guid.NewGuid(), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // the service has read the provider's keys once
        }

        var kid = await app.Provider.RotateKeyAsync();
        var after = await EhrTokenAsync();
        Assert.Equal(kid, new JsonWebToken(after).Kid);

        // The service reads the keys again on the first token naming one it does not know (at most every second here).
        await Eventually.Async(async () =>
        {
            using var client = app.With(after);
            using var answer = await client.GetAsync(new Uri("/fhir/ServiceRequest?_id=" + Guid.NewGuid(), UriKind.Relative));
            return answer.StatusCode == HttpStatusCode.OK ? "accepted" : null;
        }, TimeSpan.FromSeconds(20), "a token signed with the rotated key");
        using var old = app.With(before);
        using var stillValid = await old.GetAsync(new Uri("/fhir/ServiceRequest?_id=" + Guid.NewGuid(), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode); // the previous key stays published until retired
    }

    [Fact]
    public async Task A_revoked_access_token_is_refused_by_a_service_that_introspects()
    {
        var token = await EhrTokenAsync();
        // Eventually: when the key-rotation test ran first, this host reads the provider's new key on this first token.
        await Eventually.Async(
            async () => await StatusWithAsync(token, introspecting: true) == HttpStatusCode.OK ? "accepted" : null, TimeSpan.FromSeconds(15), "the fresh token accepted");

        Assert.Equal(HttpStatusCode.OK, await app.Provider.RevokeAsync(token, "clinic-ehr", "clinic-ehr-dev-secret"));

        // Still a valid JWT; the provider's introspection says it is no longer active (answers cached for a second here).
        await Eventually.Async(
            async () => await StatusWithAsync(token, introspecting: true) == HttpStatusCode.Unauthorized ? "refused" : null,
            TimeSpan.FromSeconds(15),
            "the revoked token refused");
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(await EhrTokenAsync(), introspecting: true)); // a new one works
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(token)); // without introspection a JWT lives until it expires
    }

    [Fact]
    public async Task A_token_the_provider_never_issued_is_refused_by_a_service_that_introspects_even_with_its_key()
    {
        var issued = await EhrTokenAsync();
        await Eventually.Async( // the host knows the provider's newest key, so the refusal below is the introspection's
            async () => await StatusWithAsync(issued, introspecting: true) == HttpStatusCode.OK ? "accepted" : null, TimeSpan.FromSeconds(15), "an issued token accepted");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(await ForgeAsync(), introspecting: true));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(await ForgeAsync())); // the same token passes where nothing asks the provider
    }

    /// <summary>A token the test signs itself with the provider's own newest key (read from its database), or with another.</summary>
    private async Task<string> ForgeAsync(
        string? issuer = null, string audience = "kap-platform", DateTime? expires = null, bool sign = true, SecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var claims = new ClaimsIdentity([new Claim("sub", "forger"), new Claim("role", "system"), new Claim("clinic", "main"), new Claim("scope", "system/*.rs")]);
        var descriptor = new SecurityTokenDescriptor {
            Issuer = issuer ?? app.Provider.Authority,
            Audience = audience,
            Subject = claims,
            IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-15),
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-15),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = sign ? new SigningCredentials(key ?? await ProviderKeyAsync(), algorithm) : null,
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private async Task<RsaSecurityKey> ProviderKeyAsync()
    {
        await using var connection = new NpgsqlConnection(app.Provider.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id, private_key_pem from identity.signing_keys where not retired order by created desc limit 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var rsa = RSA.Create();
        rsa.ImportFromPem(reader.GetString(1));
        return new RsaSecurityKey(rsa) { KeyId = reader.GetString(0) };
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token, bool introspecting = false)
    {
        using var client = app.With(token, introspecting);
        using var answer = await client.GetAsync(new Uri("/fhir/ServiceRequest?_id=" + Guid.NewGuid(), UriKind.Relative));
        return answer.StatusCode;
    }

    [Fact]
    public async Task A_token_signed_with_the_providers_key_and_right_claims_is_accepted() =>
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(await ForgeAsync())); // so the refusals below are for their one difference

    [Fact]
    public async Task A_token_from_another_issuer_is_a_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(await ForgeAsync(issuer: "https://login.attacker.example/")));

    [Fact]
    public async Task A_token_for_another_audience_is_a_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(await ForgeAsync(audience: "another-api")));

    [Fact]
    public async Task An_expired_token_is_a_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(await ForgeAsync(expires: DateTime.UtcNow.AddMinutes(-2))));

    [Fact]
    public async Task An_unsigned_token_alg_none_is_a_401()
    {
        var token = await ForgeAsync(sign: false);
        Assert.Equal("none", new JsonWebToken(token).Alg);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(token));
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_provider_never_published_is_a_401()
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = (await ProviderKeyAsync()).KeyId }; // even under the provider's kid

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(await ForgeAsync(key: stranger)));
    }

    [Fact]
    public async Task An_hmac_token_signed_with_a_guessable_or_the_development_key_is_a_401()
    {
        foreach (var secret in new[] { JwtSettings.DevelopmentSigningKey, new string('k', 64) })
        {
            var hmac = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(await ForgeAsync(key: hmac, algorithm: SecurityAlgorithms.HmacSha256)));
        }
    }
}
