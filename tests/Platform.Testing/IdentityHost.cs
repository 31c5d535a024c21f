using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Platform.Identity;

namespace Platform.Testing;

/// <summary>What a token endpoint (or a code flow that stopped before it) answered.</summary>
/// <param name="Error">The OAuth "error": from the token endpoint's body, from the redirect of a refused authorization
/// request, or "login_failed" when the sign-in page did not accept the user name and password.</param>
public sealed record TokenAnswer(HttpStatusCode Status, JsonElement Body, string? Error)
{
    public string? AccessToken => Property("access_token");

    public string? RefreshToken => Property("refresh_token");

    public string? IdToken => Property("id_token");

    /// <summary>The access token, or a failure that says what the provider answered instead.</summary>
    public string RequireAccessToken() =>
        AccessToken ?? throw new InvalidOperationException($"No access token: {(int)Status} {Error} {Body}");

    private string? Property(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) ? value.GetString() : null;
}

/// <summary>
/// The identity provider (identity/Platform.Identity) in the test process on a real loopback port, against a fresh
/// database, so tests reach it over HTTP exactly as services and clients do. <see cref="Authority"/> is both the URL to
/// call and the issuer its tokens name.
/// </summary>
public sealed partial class IdentityHost : IAsyncDisposable
{
    /// <summary>The redirect URI <see cref="CodeFlowTokenAsync"/> uses: a code-flow client must list it. Never requested.</summary>
    public const string RedirectUri = "http://localhost/callback";

    /// <summary>The services' confidential client for introspection; its id is the audience the tokens carry.</summary>
    public const string IntrospectionClient = "kap-platform";

    public const string IntrospectionSecret = "kap-platform-dev-secret";

    private readonly IReadOnlyDictionary<string, string?> settings;
    private WebApplication? app;

    private IdentityHost(string connectionString, int port, IReadOnlyDictionary<string, string?> settings)
    {
        ConnectionString = connectionString;
        Port = port;
        this.settings = settings;
        Http = new HttpClient { BaseAddress = new Uri(Authority) };
    }

    /// <summary>The issuer, with a trailing slash: http://127.0.0.1:port/.</summary>
    public string Authority => $"http://127.0.0.1:{Port}/";

    public int Port { get; }

    /// <summary>The provider's database, as its own role "identity" (schema "identity"), as compose and the AppHost run it.</summary>
    public string ConnectionString { get; }

    /// <summary>A client of the provider without cookies that does not follow redirects.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts a provider on a free loopback port with its own new database. Clients and users default to the ones
    /// appsettings.Development.json seeds (<see cref="DevelopmentClients"/>, <see cref="DevelopmentUsers"/>), except
    /// that the code-flow client's redirect URI is <see cref="RedirectUri"/>. <paramref name="settings"/>: further
    /// configuration keys (e.g. "Identity:AccessTokenMinutes").
    /// </summary>
    public static async Task<IdentityHost> StartAsync(
        IEnumerable<ClientSettings>? clients = null, IEnumerable<UserSettings>? users = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("identity");
        var port = FreePort();
        var all = new Dictionary<string, string?> {
            ["ConnectionStrings:Identity"] = connectionString,
            ["Identity:Issuer"] = $"http://127.0.0.1:{port}/",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        Flatten(all, "Identity:Clients", (clients ?? DevelopmentClients()).ToList());
        Flatten(all, "Identity:Users", (users ?? DevelopmentUsers()).ToList());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var host = new IdentityHost(connectionString, port, all);
        await host.StartAppAsync();
        return host;
    }

    /// <summary>One user per role: dev-&lt;role&gt; with password dev-&lt;role&gt;-password, subject dev-&lt;role&gt;, clinic "main".</summary>
    public static IEnumerable<UserSettings> DevelopmentUsers() =>
        IdentitySettings.Roles.Select(role => new UserSettings {
            UserName = $"dev-{role}",
            Password = $"dev-{role}-password",
            Role = role,
            Clinics = ["main"],
            Subject = $"dev-{role}",
        });

    /// <summary>
    /// kap-clinician (public, code + PKCE + refresh, openid profile offline_access user/*.cruds), clinic-ehr
    /// (secret clinic-ehr-dev-secret, role system, system/*.rs system/*.cruds) and dev-&lt;role&gt; per role (secret
    /// dev-&lt;role&gt;-secret, user/*.cruds; dev-system also system/*.cruds), all in clinic "main".
    /// </summary>
    public static IEnumerable<ClientSettings> DevelopmentClients()
    {
        // The services' own client: it only asks whether a token was revoked (Auth:Introspection).
        yield return new ClientSettings { ClientId = IntrospectionClient, Secret = IntrospectionSecret };
        yield return new ClientSettings {
            ClientId = "kap-clinician",
            RedirectUris = [new Uri(RedirectUri)],
            GrantTypes = ["authorization_code", "refresh_token"],
            Scopes = ["openid", "profile", "offline_access", "user/*.cruds"],
        };
        yield return new ClientSettings {
            ClientId = "clinic-ehr",
            Secret = "clinic-ehr-dev-secret",
            GrantTypes = ["client_credentials"],
            Scopes = ["system/*.rs", "system/*.cruds"],
            Role = "system",
            Clinics = ["main"],
        };
        foreach (var role in IdentitySettings.Roles)
        {
            yield return new ClientSettings {
                ClientId = $"dev-{role}",
                Secret = $"dev-{role}-secret",
                GrantTypes = ["client_credentials"],
                Scopes = role == "system" ? ["user/*.cruds", "system/*.cruds"] : ["user/*.cruds"],
                Role = role,
                Clinics = ["main"],
            };
        }
    }

    public Task<TokenAnswer> ClientCredentialsTokenAsync(string clientId, string secret, string scope) =>
        TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope });

    public Task<TokenAnswer> RefreshTokenAsync(string clientId, string refreshToken, string? clientSecret = null) =>
        TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["client_secret"] = clientSecret, ["refresh_token"] = refreshToken });

    /// <summary>
    /// A clinician's authorization code flow, scripted over HTTP with a cookie container: GET /connect/authorize (with
    /// an S256 challenge unless <paramref name="pkce"/> is false) → the sign-in page → POST the form with its
    /// antiforgery token → back to /connect/authorize → the redirect to <see cref="RedirectUri"/>, whose code is
    /// exchanged at the token endpoint. A step that fails ends the flow with its <see cref="TokenAnswer.Error"/>.
    /// </summary>
    public async Task<TokenAnswer> CodeFlowTokenAsync(
        string clientId, string userName, string password, string scope, string? clientSecret = null, bool pkce = true)
    {
        using var browser = Browser();
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var query = new Dictionary<string, string?> {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = Guid.NewGuid().ToString("N"),
        };
        if (pkce)
        {
            query["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
            query["code_challenge_method"] = "S256";
        }

        using var authorize = await browser.GetAsync(QueryHelpers.AddQueryString("connect/authorize", query));
        if (authorize.StatusCode != HttpStatusCode.Redirect)
        {
            // Refused before OpenIddict trusts the redirect URI (e.g. no code_challenge): answered as a page of
            // "error:..." lines instead of a redirect.
            var text = await authorize.Content.ReadAsStringAsync();
            var error = text.Split('\n').FirstOrDefault(line => line.StartsWith("error:", StringComparison.Ordinal))?["error:".Length..].Trim();
            return new TokenAnswer(authorize.StatusCode, default, error ?? $"authorization answered {(int)authorize.StatusCode}");
        }

        var location = await RedirectAsync(browser, authorize, dispose: false);
        if (location.AbsolutePath == "/account/login")
        {
            var page = await browser.GetStringAsync(location);
            var form = HiddenFields(page);
            form["username"] = userName;
            form["password"] = password;
            using var posted = await browser.PostAsync("account/login", new FormUrlEncodedContent(form));
            if (posted.StatusCode != HttpStatusCode.Redirect)
            {
                return new TokenAnswer(posted.StatusCode, default, "login_failed");
            }

            location = await RedirectAsync(browser, await browser.GetAsync(await RedirectAsync(browser, posted, dispose: false)));
        }

        var parameters = QueryHelpers.ParseQuery(location.Query);
        if (!location.ToString().StartsWith(RedirectUri, StringComparison.Ordinal) || !parameters.TryGetValue("code", out var code))
        {
            return new TokenAnswer(HttpStatusCode.Redirect, default, parameters.TryGetValue("error", out var error) ? error.ToString() : $"unexpected redirect to {location}");
        }

        return await TokenAsync(new() {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["code"] = code.ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = pkce ? verifier : null,
        });
    }

    /// <summary>POST /connect/revoke; OpenIddict answers 200 whether or not the token was known.</summary>
    public async Task<HttpStatusCode> RevokeAsync(string token, string clientId, string? clientSecret = null)
    {
        using var response = await Http.PostAsync("connect/revoke", Form(new() { ["token"] = token, ["client_id"] = clientId, ["client_secret"] = clientSecret }));
        return response.StatusCode;
    }

    /// <summary>POST /connect/introspect as a confidential client; the answer's "active" says whether the token is valid.</summary>
    public async Task<JsonElement> IntrospectAsync(string token, string clientId, string clientSecret)
    {
        using var response = await Http.PostAsync("connect/introspect", Form(new() { ["token"] = token, ["client_id"] = clientId, ["client_secret"] = clientSecret }));
        return await JsonElementAsync(response);
    }

    /// <summary>
    /// The rotate-key command against this provider's database, then a restart on the same port: the provider signs
    /// with the new key and publishes both. Returns the new key's id ("kid").
    /// </summary>
    public async Task<string> RotateKeyAsync()
    {
        var id = await IdentityProgram.RotateKeyAsync(ConnectionString);
        if (app is not null)
        {
            await app.DisposeAsync();
            app = null;
        }

        await StartAppAsync();
        return id;
    }

    /// <summary>A client with its own cookie container that does not follow redirects: one browser session.</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Authority) };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private async Task StartAppAsync()
    {
        app = IdentityProgram.Build(
            ["--environment=Testing", $"--urls=http://127.0.0.1:{Port}"],
            builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
    }

    private async Task<TokenAnswer> TokenAsync(Dictionary<string, string?> form)
    {
        using var response = await Http.PostAsync("connect/token", Form(form));
        var body = await JsonElementAsync(response);
        var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) ? e.GetString() : null;
        return new TokenAnswer(response.StatusCode, body, error);
    }

    private static async Task<Uri> RedirectAsync(HttpClient browser, HttpResponseMessage response, bool dispose = true)
    {
        try
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            return new Uri(browser.BaseAddress!, response.Headers.Location!);
        }
        finally
        {
            if (dispose)
            {
                response.Dispose();
            }
        }
    }

    private static Dictionary<string, string> HiddenFields(string page) =>
        HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenField();

    private static FormUrlEncodedContent Form(Dictionary<string, string?> fields) =>
        new(fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!)));

    private static async Task<JsonElement> JsonElementAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static void Flatten<T>(Dictionary<string, string?> into, string prefix, IReadOnlyList<T> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var property in typeof(T).GetProperties())
            {
                var key = $"{prefix}:{i}:{property.Name}";
                switch (property.GetValue(items[i]))
                {
                    case null:
                        break;
                    case string text:
                        into[key] = text;
                        break;
                    case System.Collections.IEnumerable list:
                        var j = 0;
                        foreach (var item in list)
                        {
                            into[$"{key}:{j++}"] = Convert.ToString(item, CultureInfo.InvariantCulture);
                        }

                        break;
                    case var other:
                        into[key] = Convert.ToString(other, CultureInfo.InvariantCulture);
                        break;
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
