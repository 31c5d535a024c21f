namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// Puts every authenticated request in the <see cref="ClinicScope"/> its token grants, and knows the chain's clinics
/// (<c>Chain:Clinics</c>).
/// </summary>
public static class ClinicScopeMiddleware
{
    /// <summary>Marks an endpoint that reads across clinics (analyst tables, operations, audit): it opens no clinic session.</summary>
    public static RouteHandlerBuilder AcrossClinics(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(AcrossClinicsMarker.Instance);

    /// <summary>The chain's clinics (<c>Chain:Clinics</c>); a token naming any other clinic is refused.</summary>
    public static WebApplicationBuilder AddClinicScope(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ChainClinics.From(builder.Configuration));
        return builder;
    }

    /// <summary>
    /// Resolves the request's clinic from the authenticated token: the <see cref="ClinicScope.Header"/> when sent (it must be
    /// one the token holds), else the token's only clinic. A clinic the token does not hold is a 403; a token with
    /// several and no header is a 400 naming the header.
    /// </summary>
    public static WebApplication UseClinicScope(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }

            var chain = context.RequestServices.GetRequiredService<ChainClinics>();
            var held = context.User.FindAll(ClinicScope.Claim).Select(c => c.Value).ToList();
            var all = held.Contains(ClinicScope.AllClinics);
            var granted = all ? chain.Ids : held.Where(chain.Contains).Distinct().ToList();
            var across = context.GetEndpoint()?.Metadata.GetMetadata<AcrossClinicsMarker>() is not null;
            var asked = context.Request.Headers[ClinicScope.Header].ToString();

            string? clinic = null;
            IResult? refusal = null;
            if (asked.Length > 0)
            {
                if (!ClinicScope.IsWellFormed(asked))
                {
                    refusal = Problems.Invalid(ClinicScope.Header, "must be a clinic id (lower-case letters, digits and '-').");
                }
                else if (!granted.Contains(asked))
                {
                    refusal = Forbidden($"The token does not grant clinic '{asked}'.");
                }
                else
                {
                    clinic = asked;
                    granted = [asked];
                }
            }
            else if (granted.Count == 0)
            {
                // No clinic of this chain (no clinic claim, an unknown clinic, a misspelt "MAIN"): refused, a chain-level
                // read too, rather than answered with an empty list.
                refusal = Forbidden("The token grants no clinic of this chain (clinic claim).");
            }
            else if (!across)
            {
                if (granted.Count == 1 && !all)
                {
                    clinic = granted[0];
                }
                else
                {
                    refusal = Problems.Invalid(ClinicScope.Header, "is required: the token grants several clinics; name the one to act in.");
                }
            }

            if (refusal is not null)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            using (ClinicScope.Enter(context, clinic, all && asked.Length == 0 ? null : granted))
            {
                await next(context);
            }
        });
        return app;
    }

    private static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Clinic not granted", detail: detail);

    public sealed class AcrossClinicsMarker
    {
        public static readonly AcrossClinicsMarker Instance = new();
    }
}

/// <summary>The clinics of the chain, from <c>Chain:Clinics</c>.</summary>
public sealed class ChainClinics(IReadOnlyList<string> ids)
{
    public IReadOnlyList<string> Ids { get; } = ids;

    /// <summary>The clinics of <c>Chain:Clinics</c> (the development clinic when none are set); a malformed id stops the service.</summary>
    public static ChainClinics From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var clinics = configuration.GetSection("Chain:Clinics").Get<string[]>() is { Length: > 0 } configured ? configured : [ClinicScope.Development];
        if (clinics.FirstOrDefault(c => !ClinicScope.IsWellFormed(c)) is { } bad)
        {
            throw new InvalidOperationException(
                $"Chain:Clinics: '{bad}' is not a clinic id (lower-case letters, digits and '-', at most 40, starting with a letter or digit).");
        }

        return new ChainClinics(clinics);
    }

    public bool Contains(string clinic) => Ids.Contains(clinic);
}
