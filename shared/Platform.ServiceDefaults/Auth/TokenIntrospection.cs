using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Where a JWT access token cannot tell the service it was revoked: with <c>Auth:Introspection:ClientId</c> set, a
/// validated token is also checked at the provider's introspection endpoint (RFC 7662, the endpoint from discovery),
/// and its answer kept for <c>CacheSeconds</c>, so a revoked token is refused within that time. A provider that does
/// not answer is a refusal (401), never a pass: the check exists for the tokens that must no longer work.
/// </summary>
public sealed class TokenIntrospection(IHttpClientFactory clients, IMemoryCache cache, JwtSettings settings)
{
    public const string HttpClientName = "token-introspection";

    public async Task<string?> RefusalAsync(TokenValidatedContext context, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        var introspection = settings.Introspection;
        var key = "introspected:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (cache.TryGetValue(key, out bool active))
        {
            return active ? null : "The token was revoked.";
        }

        var ct = context.HttpContext.RequestAborted;
        try
        {
            var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(ct);
            if (string.IsNullOrEmpty(configuration.IntrospectionEndpoint))
            {
                return "The identity provider publishes no introspection endpoint.";
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string> {
                ["token"] = token,
                ["token_type_hint"] = "access_token",
                ["client_id"] = introspection.ClientId!,
                ["client_secret"] = introspection.ClientSecret ?? string.Empty,
            });
            using var response = await clients.CreateClient(HttpClientName).PostAsync(new Uri(configuration.IntrospectionEndpoint), form, ct);
            if (!response.IsSuccessStatusCode)
            {
                return $"The identity provider's introspection answered {(int)response.StatusCode}.";
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            active = answer.RootElement.TryGetProperty("active", out var value) && value.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return "The identity provider's introspection did not answer.";
        }

        cache.Set(key, active, TimeSpan.FromSeconds(introspection.CacheSeconds));
        return active ? null : "The token was revoked.";
    }
}

/// <summary>The service's own confidential client at the provider, used only to ask whether a token is still active.</summary>
public sealed class IntrospectionSettings
{
    /// <summary>Null: no introspection; tokens are valid until they expire.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>How long an answer is reused (1-300 s): a revoked token is refused at the latest this long after its revocation.</summary>
    public int CacheSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}
