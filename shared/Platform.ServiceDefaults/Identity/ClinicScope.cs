using System.Security.Claims;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The clinic a request or a message acts in: one Marten tenant per clinic of the chain. Every session the services
/// open is opened for it (<see cref="Marten.TracedSessionFactory"/>), so a request can only read and change the
/// records of its own clinic. A request takes it from the token's <c>clinic</c> claims, a message from the header the
/// outbox stamps with the event's tenant.
/// </summary>
public static partial class ClinicScope
{
    /// <summary>The token claim naming a clinic the caller works at; a token may hold several.</summary>
    public const string Claim = "clinic";

    /// <summary>The claim value of chain-level callers (analysts and operators of the whole chain).</summary>
    public const string AllClinics = "*";

    /// <summary>The request header choosing one of the token's clinics when it holds several.</summary>
    public const string Header = "Clinic";

    /// <summary>The message header naming the clinic whose event a message is.</summary>
    public const string MessageHeader = "kap-clinic";

    /// <summary>The clinic of development tokens, the demo and the tests.</summary>
    public const string Development = "main";

    private static readonly object ItemKey = new();
    private static readonly AsyncLocal<string?> CurrentClinic = new();
    private static readonly AsyncLocal<IReadOnlyList<string>?> CurrentGrant = new();

    /// <summary>The clinic being acted in; a programming error where nothing set one (a session outside a request or message).</summary>
    public static string Current => CurrentClinic.Value
        ?? throw new InvalidOperationException("No clinic is in scope: sessions are opened only for a request or a message of one clinic.");

    /// <summary>The clinics a chain-level read may show: null for every clinic.</summary>
    public static IReadOnlyList<string>? Granted => CurrentGrant.Value;

    /// <summary>The clinic a request acted in, for what runs after the request's scope has ended (the access audit).</summary>
    public static string? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[ItemKey] as string;
    }

    /// <summary>Acts in <paramref name="clinic"/> until disposed (a message, a test, a bulk load).</summary>
    public static IDisposable Enter(string clinic) => Enter(clinic, [clinic]);

    private static Restore Enter(string? clinic, IReadOnlyList<string>? granted)
    {
        var (previousClinic, previousGrant) = (CurrentClinic.Value, CurrentGrant.Value);
        (CurrentClinic.Value, CurrentGrant.Value) = (clinic, granted);
        return new Restore(() => (CurrentClinic.Value, CurrentGrant.Value) = (previousClinic, previousGrant));
    }

    /// <summary>
    /// The clinics parameter of a chain-level read, for <c>(@clinics::text[] is null or clinic = any(@clinics))</c>:
    /// the clinics the caller may see, or null for the whole chain.
    /// </summary>
    public static NpgsqlParameter GrantedParameter() =>
        new("clinics", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)Granted?.ToArray() ?? DBNull.Value };

    public static bool IsWellFormed(string? clinic) => clinic is not null && ClinicId().IsMatch(clinic);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ClinicId();

    /// <summary>Marks an endpoint that reads across clinics (analyst tables, operations, audit): it opens no clinic session.</summary>
    public static RouteHandlerBuilder AcrossClinics(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(AcrossClinicsMarker.Instance);

    /// <summary>The chain's clinics (<c>Chain:Clinics</c>); a token naming any other clinic is refused.</summary>
    public static WebApplicationBuilder AddClinicScope(this WebApplicationBuilder builder)
    {
        var clinics = builder.Configuration.GetSection("Chain:Clinics").Get<string[]>() is { Length: > 0 } configured ? configured : [Development];
        if (clinics.FirstOrDefault(c => !IsWellFormed(c)) is { } bad)
        {
            throw new InvalidOperationException(
                $"Chain:Clinics: '{bad}' is not a clinic id (lower-case letters, digits and '-', at most 40, starting with a letter or digit).");
        }

        builder.Services.AddSingleton(new ChainClinics(clinics));
        return builder;
    }

    /// <summary>
    /// Resolves the request's clinic from the authenticated token: the <see cref="Header"/> when sent (it must be
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
            var held = context.User.FindAll(Claim).Select(c => c.Value).ToList();
            var all = held.Contains(AllClinics);
            var granted = all ? chain.Ids : held.Where(chain.Contains).Distinct().ToList();
            var across = context.GetEndpoint()?.Metadata.GetMetadata<AcrossClinicsMarker>() is not null;
            var asked = context.Request.Headers[Header].ToString();

            string? clinic = null;
            IResult? refusal = null;
            if (asked.Length > 0)
            {
                if (!IsWellFormed(asked))
                {
                    refusal = Problems.Invalid(Header, "must be a clinic id (lower-case letters, digits and '-').");
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
            else if (!across)
            {
                if (granted.Count == 1 && !all)
                {
                    clinic = granted[0];
                }
                else
                {
                    refusal = granted.Count == 0
                        ? Forbidden("The token grants no clinic of this chain (clinic claim).")
                        : Problems.Invalid(Header, "is required: the token grants several clinics; name the one to act in.");
                }
            }

            if (refusal is not null)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            context.Items[ItemKey] = clinic;
            using (Enter(clinic, all && asked.Length == 0 ? null : granted))
            {
                await next(context);
            }
        });
        return app;
    }

    private static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Clinic not granted", detail: detail);

    /// <summary>Stamps an outgoing message with the clinic of the event it carries.</summary>
    public static void Stamp(PublishContext message, string clinic)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Headers.Set(MessageHeader, clinic);
    }

    internal sealed class AcrossClinicsMarker
    {
        public static readonly AcrossClinicsMarker Instance = new();
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

/// <summary>The clinics of the chain, from <c>Chain:Clinics</c>.</summary>
public sealed class ChainClinics(IReadOnlyList<string> ids)
{
    public IReadOnlyList<string> Ids { get; } = ids;

    public bool Contains(string clinic) => Ids.Contains(clinic);
}

/// <summary>Applies every consumed message in the clinic its header names; a message without one is never guessed.</summary>
public sealed class ClinicFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var clinic = context.Headers.Get<string>(ClinicScope.MessageHeader);
        if (!ClinicScope.IsWellFormed(clinic))
        {
            throw new MissingClinicException($"{typeof(T).Name} {context.MessageId} names no clinic ({ClinicScope.MessageHeader} header).");
        }

        using (ClinicScope.Enter(clinic!))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("clinic");
}

/// <summary>A message that names no clinic: retrying cannot fix it, so it goes straight to the error queue.</summary>
public sealed class MissingClinicException(string message) : Exception(message);
