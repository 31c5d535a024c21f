using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Commands;

/// <summary>
/// The clinic a request or a message acts in: one Marten tenant per clinic of the chain. Every session the services
/// open is opened for it (the service defaults' TracedSessionFactory), so a request can only read and change the
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

    /// <summary>
    /// A request's scope until disposed: the clinic it acts in (null for a chain-level read) and the clinics it may
    /// read (null for the whole chain); kept on <paramref name="http"/> for what runs after the scope (the access audit).
    /// </summary>
    public static IDisposable Enter(HttpContext http, string? clinic, IReadOnlyList<string>? granted)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[ItemKey] = clinic;
        return Enter(clinic, granted);
    }

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

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
