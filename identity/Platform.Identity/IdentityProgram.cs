using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Telemetry;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity;

/// <summary>
/// The identity provider's host: OpenIddict's server (authorization code + PKCE, client credentials, refresh tokens,
/// revocation, introspection, discovery and JWKS) over PostgreSQL, the sign-in page and the health probes.
/// </summary>
public static class IdentityProgram
{
    public static readonly PlatformService Service = new("Identity", DaemonLockId: (int)IdentityStore.LockId);

    public const string RotateKeyCommand = "rotate-key";

    /// <summary>
    /// The process entry point: <c>rotate-key</c> adds a new signing key and exits (the web host never starts);
    /// anything else runs the provider.
    /// </summary>
    public static int Run(string[] args)
    {
        if (args is [RotateKeyCommand, .. var rest])
        {
            var configuration = WebApplication.CreateBuilder(rest).Configuration;
            var id = RotateKeyAsync(ConnectionString(configuration)).GetAwaiter().GetResult();
            Console.WriteLine($"Added signing key {id}. Restart the provider: from then on it signs with the new key and publishes it in the JWKS next to the old ones.");
            return 0;
        }

        Build(args).Run();
        return 0;
    }

    /// <summary>The rotate-key command against the database of <paramref name="connectionString"/>; returns the new key's id ("kid").</summary>
    public static Task<string> RotateKeyAsync(string connectionString) => IdentityStore.RotateAsync(connectionString, TimeProvider.System);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformTelemetry(Service);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = Account.LoginPath;
                options.Cookie.Name = "kap-identity";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        configure?.Invoke(builder);

        var environment = builder.Environment;
        var settings = builder.Configuration.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
        settings.Validate();
        var local = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        if (settings.Issuer is null && !local)
        {
            throw new InvalidOperationException("Identity:Issuer is required outside Development and Testing: the absolute URL clients and services reach the provider at (e.g. https://sign-in.clinic.example/).");
        }

        if (settings.Issuer is { IsAbsoluteUri: false })
        {
            throw new InvalidOperationException($"Identity:Issuer must be an absolute URL, not '{settings.Issuer}'.");
        }

        var connectionString = ConnectionString(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres");
        builder.Services.AddDbContext<IdentityDb>(options => options.UseNpgsql(connectionString).UseOpenIddict());

        // Tables and keys before the host is built: the signing keys are part of OpenIddict's options. Task.Run: no
        // caller's synchronization context is blocked on.
        var (signing, encryption) = Task.Run(() => IdentityStore.PrepareAsync(connectionString, TimeProvider.System)).GetAwaiter().GetResult();

        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(options =>
            {
                if (settings.Issuer is not null)
                {
                    options.SetIssuer(settings.Issuer);
                }

                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // S256 only: a "plain" challenge is the verifier itself and protects nothing once the code leaks.
                options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                options.AllowClientCredentialsFlow();
                options.AllowRefreshTokenFlow();
                // Advertised in discovery; SMART scopes are open-ended (user/Patient.r, system/*.rs, ...), so OpenIddict
                // does not validate scopes itself: Connect checks each against the client's own configured list.
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, .. settings.Clients.SelectMany(c => c.Scopes).Distinct()]);
                options.DisableScopeValidation();
                options.IgnoreScopePermissions();
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(settings.AccessTokenMinutes));
                // Plain RS256 JWTs the services validate against the JWKS (OpenIddict encrypts access tokens by default).
                options.DisableAccessTokenEncryption();
                // Newest first: OpenIddict signs with the first signing credential (see IdentityStore.MaxPublishedKeys).
                foreach (var key in signing)
                {
                    options.AddSigningKey(key);
                }

                foreach (var key in encryption)
                {
                    options.AddEncryptionKey(key);
                }

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
                // TLS ends at the clinic's reverse proxy, so the provider itself only sees HTTP there (Identity:AllowHttp).
                if (local || settings.AllowHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        var app = builder.Build();
        Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            await IdentityStore.UnderLockAsync(db, async () =>
            {
                await Seeding.SeedAsync(scope.ServiceProvider, settings);
                return true;
            });
        }).GetAwaiter().GetResult();

        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAntiforgery();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        app.MapAccount();
        app.MapConnect();
        return app;
    }

    private static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Identity") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ConnectionStrings:Identity is required: the PostgreSQL database of schema \"identity\".");
}
