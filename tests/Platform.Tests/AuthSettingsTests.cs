using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Auth;

namespace Platform.Tests;

public class AuthSettingsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_the_public_development_key_stops_the_start_up(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Auth:SigningKey"] = JwtSettings.DevelopmentSigningKey;

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPlatformAuth());

        Assert.Equal(
            "Auth:SigningKey is the public development key; set a secret key (Auth__SigningKey) outside Development.",
            error.Message);
    }

    [Fact]
    public void In_development_the_development_key_is_accepted()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Auth:SigningKey"] = JwtSettings.DevelopmentSigningKey;

        builder.AddPlatformAuth();
    }

    [Theory]
    [InlineData("short-key", true)]
    [InlineData("0123456789012345678901234567890", false)]
    public void A_key_under_32_bytes_is_refused_everywhere(string key, bool development) =>
        Assert.Equal("Auth:SigningKey must be configured with at least 32 bytes.", new JwtSettings { SigningKey = key }.Refusal(development));

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

    [Fact]
    public void A_long_enough_secret_key_is_accepted_in_production() =>
        Assert.Null(new JwtSettings { SigningKey = new string('k', 48) }.Refusal(isDevelopmentOrTest: false));
}
