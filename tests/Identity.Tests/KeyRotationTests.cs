using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Identity.Tests;

/// <summary>rotate-key on a provider of its own: after the restart both keys are published and the new one signs.</summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task After_rotate_key_the_JWKS_has_both_keys_and_new_tokens_carry_the_new_kid()
    {
        await using var host = await IdentityHost.StartAsync(IdentityProviderTests.Clients, users: []);
        var before = new JsonWebToken((await host.ClientCredentialsTokenAsync("clinic-ehr", "clinic-ehr-secret", "system/*.rs")).RequireAccessToken());

        var newKid = await host.RotateKeyAsync();

        var kids = (await JsonSerializer.DeserializeAsync<JsonElement>(await host.Http.GetStreamAsync(".well-known/jwks")))
            .GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Equal(2, kids.Count);
        Assert.Contains(before.Kid, kids);
        Assert.Contains(newKid, kids);
        Assert.NotEqual(before.Kid, newKid);
        var after = new JsonWebToken((await host.ClientCredentialsTokenAsync("clinic-ehr", "clinic-ehr-secret", "system/*.rs")).RequireAccessToken());
        Assert.Equal(newKid, after.Kid);
    }

    [Fact]
    public async Task A_refresh_token_from_before_a_rotation_and_restart_still_works_and_gets_a_token_signed_with_the_new_key()
    {
        await using var host = await IdentityHost.StartAsync(IdentityProviderTests.Clients, IdentityProviderTests.Users);
        var before = new JsonWebToken((await host.ClientCredentialsTokenAsync("clinic-ehr", "clinic-ehr-secret", "system/*.rs")).RequireAccessToken());
        var refreshToken = (await host.CodeFlowTokenAsync("portal", "alice", "alice-password", "openid offline_access user/*.cruds", clientSecret: "portal-secret")).RefreshToken!;

        var newKid = await host.RotateKeyAsync();

        Assert.NotEqual(before.Kid, newKid);
        // Refresh tokens are encrypted with the stored encryption key (not an ephemeral one), so they survive the restart;
        // the restart also seeded the same clients and users again without harm.
        var refreshed = await host.RefreshTokenAsync("portal", refreshToken, "portal-secret");
        Assert.Equal(newKid, new JsonWebToken(refreshed.RequireAccessToken()).Kid);
        Assert.Equal("staff-alice", new JsonWebToken(refreshed.RequireAccessToken()).Subject);
    }
}
