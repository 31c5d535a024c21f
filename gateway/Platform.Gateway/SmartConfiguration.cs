using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Fhir;
using Platform.ServiceDefaults.Auth;

namespace Platform.Gateway;

/// <summary>
/// <c>GET /fhir/.well-known/smart-configuration</c> (SMART App Launch 2): where a FHIR client signs in and gets its
/// tokens, taken from the OpenID Connect provider's discovery document (Auth:Authority, read through
/// Auth:MetadataAddress when the gateway reaches the provider by another address), plus what this server honours:
/// user and system scopes, v1 and v2, PKCE with S256. Public, as SMART requires.
/// </summary>
public sealed class SmartConfiguration(IHttpClientFactory clients, JwtSettings settings, TimeProvider time)
{
    public const string Path = FhirProblemWriter.PathPrefix + "/.well-known/smart-configuration";
    public const string HttpClientName = "oidc-discovery";

    /// <summary>The scopes a client may ask for (the provider may grant narrower ones, e.g. system/Observation.rs).</summary>
    public static readonly IReadOnlyList<string> Scopes = ["openid", "profile", "offline_access", "user/*.cruds", "user/*.rs", "system/*.cruds", "system/*.rs"];

    public static readonly IReadOnlyList<string> Capabilities =
    [
        "launch-standalone", "client-public", "client-confidential-symmetric", "sso-openid-connect", "permission-offline", "permission-user",
        "permission-v1", "permission-v2",
    ];

    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);
    private static readonly string[] CopiedFromProvider =
    [
        "issuer", "jwks_uri", "authorization_endpoint", "token_endpoint", "token_endpoint_auth_methods_supported", "revocation_endpoint",
        "introspection_endpoint", "userinfo_endpoint",
    ];

    // Two requests at the end of the cache time may both read the provider; the later answer wins, both are right.
    private volatile Tuple<DateTimeOffset, JsonObject>? cached;

    public async Task<IResult> AnswerAsync(CancellationToken ct)
    {
        if (!settings.UsesAuthority)
        {
            return FhirResults.Outcome(StatusCodes.Status404NotFound, "No OpenID Connect provider is configured (Auth:Authority): tokens are development tokens here.");
        }

        try
        {
            return Results.Json(await DocumentAsync(ct), contentType: "application/json");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return FhirResults.Outcome(StatusCodes.Status502BadGateway, "The OpenID Connect provider's discovery document could not be read.");
        }
    }

    private async Task<JsonObject> DocumentAsync(CancellationToken ct)
    {
        if (cached is { } known && time.GetUtcNow() - known.Item1 < CacheFor)
        {
            return known.Item2;
        }

        var address = settings.MetadataAddress ?? $"{settings.Authority!.TrimEnd('/')}/.well-known/openid-configuration";
        var discovery = JsonNode.Parse(await clients.CreateClient(HttpClientName).GetStringAsync(new Uri(address), ct))?.AsObject()
            ?? throw new JsonException("The discovery document is not a JSON object.");
        // Read through an internal address, the provider names its endpoints at that address; clients need the public one.
        var internalOrigin = new Uri(address).GetLeftPart(UriPartial.Authority);
        var publicOrigin = new Uri(settings.Authority!).GetLeftPart(UriPartial.Authority);
        var document = new JsonObject();
        foreach (var field in CopiedFromProvider)
        {
            if (discovery[field] is { } value)
            {
                document[field] = value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().StartsWith(internalOrigin, StringComparison.Ordinal)
                    ? publicOrigin + value.GetValue<string>()[internalOrigin.Length..]
                    : value.DeepClone();
            }
        }

        document["grant_types_supported"] = new JsonArray("authorization_code", "client_credentials", "refresh_token");
        document["response_types_supported"] = new JsonArray("code");
        document["code_challenge_methods_supported"] = new JsonArray("S256");
        document["scopes_supported"] = new JsonArray([.. Scopes.Select(s => JsonValue.Create(s))]);
        document["capabilities"] = new JsonArray([.. Capabilities.Select(c => JsonValue.Create(c))]);
        cached = Tuple.Create(time.GetUtcNow(), document);
        return document;
    }
}
