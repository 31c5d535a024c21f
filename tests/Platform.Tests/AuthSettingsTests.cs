using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Auth;

namespace Platform.Tests;

public class AuthSettingsTests
{
    private const string AuthorityRequired =
        "Auth:Authority must name the OpenID Connect provider outside Development (Auth__Authority); shared-key tokens are for Development only.";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_a_shared_key_stops_the_start_up_whatever_the_key(string environment)
    {
        foreach (var key in new[] { JwtSettings.DevelopmentSigningKey, new string('k', 64) })
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
            builder.Configuration["Auth:SigningKey"] = key;

            var error = Assert.Throws<InvalidOperationException>(() => builder.AddPlatformAuth());

            Assert.Equal(AuthorityRequired, error.Message);
        }
    }

    [Fact]
    public void In_development_the_development_key_is_accepted()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Auth:SigningKey"] = JwtSettings.DevelopmentSigningKey;

        builder.AddPlatformAuth();
    }

    [Fact]
    public void In_production_an_https_authority_is_accepted()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Auth:Authority"] = "https://login.example.org/tenant/v2.0";

        builder.AddPlatformAuth();
    }

    [Fact]
    public void A_key_under_32_bytes_is_refused_in_development() =>
        Assert.Equal("Auth:SigningKey must be configured with at least 32 bytes.", new JwtSettings { SigningKey = "short-key" }.Refusal(isDevelopmentOrTest: true));

    [Theory]
    [InlineData("http://identity:8080/", true, "Auth:Authority is plain http: use https, or set Auth:RequireHttpsMetadata to false where TLS ends in front of the provider on a private network.")]
    [InlineData("http://identity:8080/", false, null)]
    [InlineData("identity", false, "Auth:Authority must be an absolute http(s) URL.")]
    [InlineData("ftp://identity/", false, "Auth:Authority must be an absolute http(s) URL.")]
    public void An_authority_is_an_https_url_unless_told_otherwise(string authority, bool requireHttps, string? expected) =>
        Assert.Equal(expected, new JwtSettings { Authority = authority, RequireHttpsMetadata = requireHttps }.Refusal(isDevelopmentOrTest: false));

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public void Clock_skew_is_bounded(int seconds) =>
        Assert.Equal(
            "Auth:ClockSkewSeconds must be between 0 and 300.",
            new JwtSettings { Authority = "https://login.example.org/", ClockSkewSeconds = seconds }.Refusal(isDevelopmentOrTest: false));

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    public void Only_development_and_test_hosts_count_as_development(string environment, bool expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });

        Assert.Equal(expected, SecretKey.IsDevelopmentOrTest(builder.Environment));
    }

    private static ClaimsPrincipal Token(params Claim[] claims) => new(new ClaimsIdentity(claims, "Bearer"));

    [Fact]
    public void The_platforms_own_claims_pass_through_with_scopes_split()
    {
        var principal = ProviderClaims.Normalise(
            Token(new("sub", "u1"), new("role", "prescriber"), new("clinic", "main"), new("clinic", "north"), new("scope", "openid user/*.rs")),
            new JwtSettings());

        Assert.Equal("u1", principal.FindFirst("sub")?.Value);
        Assert.True(principal.IsInRole("prescriber"));
        Assert.Equal(["main", "north"], principal.FindAll("clinic").Select(c => c.Value));
        Assert.Equal(["openid", "user/*.rs"], principal.FindAll("scope").Select(c => c.Value));
    }

    [Fact]
    public void Entra_id_object_id_app_roles_and_scp_are_mapped()
    {
        var settings = new JwtSettings {
            Claims = new ClaimNames { Subject = "oid", Role = "roles", Clinic = "extn.clinic", Scope = "scp" },
            RoleValues = new Dictionary<string, string> { ["KAP.Prescriber"] = "prescriber" },
        };

        var principal = ProviderClaims.Normalise(
            Token(new("sub", "pairwise-per-app"), new("oid", "0b1c-object-id"), new("roles", "KAP.Prescriber"), new("extn.clinic", "main"),
                new("scp", "user/Patient.r")),
            settings);

        Assert.Equal("0b1c-object-id", principal.FindFirst("sub")?.Value);
        Assert.Single(principal.FindAll("sub"));
        Assert.Equal(["prescriber"], principal.FindAll("role").Select(c => c.Value));
        Assert.Equal("main", principal.FindFirst("clinic")?.Value);
        Assert.Equal("user/Patient.r", principal.FindFirst("scope")?.Value);
    }

    [Fact]
    public void Keycloak_realm_roles_are_read_from_inside_their_json_claim()
    {
        var settings = new JwtSettings { Claims = new ClaimNames { Role = "realm_access.roles" } };

        var principal = ProviderClaims.Normalise(
            Token(new("sub", "kc-user"), new("realm_access", """{"roles":["offline_access","therapist"]}""", "JSON")),
            settings);

        Assert.Equal(["offline_access", "therapist"], principal.FindAll("role").Select(c => c.Value));
        Assert.True(principal.IsInRole("therapist"));
    }

    [Fact]
    public void A_malformed_json_claim_grants_no_role() =>
        Assert.Empty(ProviderClaims.Normalise(
            Token(new("sub", "kc-user"), new("realm_access", "{not json")),
            new JwtSettings { Claims = new ClaimNames { Role = "realm_access.roles" } }).FindAll("role"));
}
