using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Identity;

namespace Identity.Tests;

/// <summary>
/// The provider as clients and services see it, over HTTP on a real port against its own database: discovery and
/// JWKS, the access token's claims, the refusals, the code flow with PKCE, refresh, revocation and key rotation.
/// One provider for the class; the rotation test restarts it and runs last in its own class.
/// </summary>
public sealed class IdentityProviderTests(IdentityProviderTests.Provider provider) : IClassFixture<IdentityProviderTests.Provider>
{
    public sealed class Provider : IAsyncLifetime
    {
        public IdentityHost Host { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Host = await IdentityHost.StartAsync(Clients, Users);

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }

    /// <summary>A confidential code-flow client too: only confidential clients may introspect (their own refresh tokens).</summary>
    public static readonly ClientSettings[] Clients =
    [
        new() { ClientId = "kap-clinician", RedirectUris = [new Uri(IdentityHost.RedirectUri)], GrantTypes = ["authorization_code", "refresh_token"], Scopes = ["openid", "profile", "offline_access", "user/*.cruds"] },
        new() { ClientId = "portal", Secret = "portal-secret", RedirectUris = [new Uri(IdentityHost.RedirectUri)], GrantTypes = ["authorization_code", "refresh_token"], Scopes = ["openid", "offline_access", "user/*.cruds"] },
        new() { ClientId = "clinic-ehr", Secret = "clinic-ehr-secret", GrantTypes = ["client_credentials"], Scopes = ["system/*.rs", "system/Observation.rs"], Clinics = ["main", "north"] },
        new() { ClientId = "analytics", Secret = "analytics-secret", GrantTypes = ["client_credentials"], Scopes = ["user/*.cruds"], Role = "analyst", Clinics = ["*"] },
    ];

    public static readonly UserSettings[] Users =
    [
        new() { UserName = "alice", Password = "alice-password", Role = "prescriber", Clinics = ["main"], Subject = "staff-alice" },
    ];

    private IdentityHost Host => provider.Host;

    [Fact]
    public async Task Discovery_names_the_issuer_the_endpoints_and_S256_only()
    {
        var discovery = await GetJsonAsync(".well-known/openid-configuration");

        Assert.Equal(Host.Authority, discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{Host.Authority}connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{Host.Authority}connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{Host.Authority}connect/revoke", discovery.GetProperty("revocation_endpoint").GetString());
        Assert.Equal($"{Host.Authority}connect/introspect", discovery.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        var jwks = await GetJsonAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery.TrimStart('/'));
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the JWKS must not publish the private key");
    }

    [Fact]
    public async Task Client_credentials_give_an_RS256_JWT_with_the_clients_role_clinics_scope_and_audience()
    {
        var answer = await Host.ClientCredentialsTokenAsync("clinic-ehr", "clinic-ehr-secret", "system/*.rs system/Observation.rs");

        var token = new JsonWebToken(answer.RequireAccessToken());
        Assert.Equal("RS256", token.Alg);
        Assert.Equal(Host.Authority, token.Issuer);
        Assert.Equal(["kap-platform"], token.Audiences);
        Assert.Equal("clinic-ehr", token.Subject);
        Assert.Equal("system", token.GetClaim("role").Value);
        Assert.Equal(["main", "north"], token.Claims.Where(c => c.Type == "clinic").Select(c => c.Value));
        // RFC 9068: one space-separated string.
        Assert.Equal("system/*.rs system/Observation.rs", token.GetClaim("scope").Value);
        Assert.InRange(token.ValidTo - token.IssuedAt, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(await CurrentKidAsync(), token.Kid);
    }

    [Fact]
    public async Task A_client_configured_with_a_role_and_every_clinic_gets_them()
    {
        var token = new JsonWebToken((await Host.ClientCredentialsTokenAsync("analytics", "analytics-secret", "user/*.cruds")).RequireAccessToken());

        Assert.Equal("analyst", token.GetClaim("role").Value);
        Assert.Equal("*", token.GetClaim("clinic").Value);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_as_invalid_client()
    {
        var answer = await Host.ClientCredentialsTokenAsync("clinic-ehr", "not-the-secret", "system/*.rs");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("invalid_client", answer.Error);
        Assert.Null(answer.AccessToken);
    }

    [Theory]
    [InlineData("user/*.cruds")]
    [InlineData("system/*.rs system/*.cruds")]
    [InlineData("system/Patient.rs")]
    public async Task A_scope_the_client_may_not_request_is_refused_as_invalid_scope(string scope)
    {
        var answer = await Host.ClientCredentialsTokenAsync("clinic-ehr", "clinic-ehr-secret", scope);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_scope", answer.Error);
    }

    [Fact]
    public async Task The_code_flow_with_PKCE_gives_a_token_with_the_users_subject_role_and_clinic()
    {
        var answer = await Host.CodeFlowTokenAsync("kap-clinician", "alice", "alice-password", "openid profile offline_access user/*.cruds");

        var token = new JsonWebToken(answer.RequireAccessToken());
        Assert.Equal("staff-alice", token.Subject);
        Assert.Equal("prescriber", token.GetClaim("role").Value);
        Assert.Equal("main", token.GetClaim("clinic").Value);
        Assert.Equal(["kap-platform"], token.Audiences);
        Assert.Equal(Host.Authority, token.Issuer);
        Assert.Equal("openid profile offline_access user/*.cruds", token.GetClaim("scope").Value);
        Assert.NotNull(answer.RefreshToken);
        Assert.Equal("alice", new JsonWebToken(answer.IdToken!).GetClaim("name").Value);
    }

    [Fact]
    public async Task The_code_flow_without_PKCE_is_refused()
    {
        var answer = await Host.CodeFlowTokenAsync("kap-clinician", "alice", "alice-password", "openid user/*.cruds", pkce: false);

        Assert.Equal("invalid_request", answer.Error);
        Assert.Null(answer.AccessToken);
    }

    [Fact]
    public async Task The_code_flow_refuses_a_scope_the_client_may_not_request()
    {
        var answer = await Host.CodeFlowTokenAsync("kap-clinician", "alice", "alice-password", "openid system/*.cruds");

        Assert.Equal("invalid_scope", answer.Error);
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_login_page()
    {
        var answer = await Host.CodeFlowTokenAsync("kap-clinician", "alice", "wrong-password", "openid user/*.cruds");

        Assert.Equal("login_failed", answer.Error);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task The_login_page_refuses_a_post_without_its_antiforgery_token()
    {
        using var browser = Host.Browser();
        using var response = await browser.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string> {
            ["username"] = "alice",
            ["password"] = "alice-password",
            ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_works_until_it_is_revoked_then_introspection_says_inactive()
    {
        var first = await Host.CodeFlowTokenAsync("portal", "alice", "alice-password", "openid offline_access user/*.cruds", clientSecret: "portal-secret");
        var refreshToken = first.RefreshToken ?? throw new InvalidOperationException($"no refresh token: {first.Body}");

        var refreshed = await Host.RefreshTokenAsync("portal", refreshToken, "portal-secret");
        var token = new JsonWebToken(refreshed.RequireAccessToken());
        Assert.Equal("staff-alice", token.Subject);
        Assert.Equal("prescriber", token.GetClaim("role").Value);
        // OpenIddict rolls refresh tokens by default: the answer carries a new one, which is revoked below.
        var current = refreshed.RefreshToken ?? refreshToken;
        Assert.True((await Host.IntrospectAsync(current, "portal", "portal-secret")).GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, await Host.RevokeAsync(current, "portal", "portal-secret"));

        var refused = await Host.RefreshTokenAsync("portal", current, "portal-secret");
        Assert.Equal("invalid_grant", refused.Error);
        Assert.False((await Host.IntrospectAsync(current, "portal", "portal-secret")).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Health_probes_answer()
    {
        using var live = await Host.Http.GetAsync("health/live");
        using var ready = await Host.Http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_as_salted_PBKDF2_hashes()
    {
        var first = Passwords.Hash("secret");
        var second = Passwords.Hash("secret");

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$600000$", first);
        Assert.True(Passwords.Verify("secret", first));
        Assert.False(Passwords.Verify("Secret", first));
        await Task.CompletedTask;
    }

    private async Task<string> CurrentKidAsync() =>
        (await GetJsonAsync(".well-known/jwks")).GetProperty("keys")[0].GetProperty("kid").GetString()!;

    private async Task<JsonElement> GetJsonAsync(string path) =>
        JsonSerializer.Deserialize<JsonElement>(await Host.Http.GetStringAsync(path));
}
