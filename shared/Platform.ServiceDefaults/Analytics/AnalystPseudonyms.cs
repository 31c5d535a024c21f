using System.Security.Cryptography;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Analytics;

/// <summary>
/// Keyed pseudonyms for the analysts' <c>reporting</c> tables. An operational id (course, session, screening,
/// adverse event) never appears there: only HMAC-SHA256(key, purpose + id), so a row cannot be joined back to a
/// stream, an API answer or a log line without the key, which analysts never see.
/// </summary>
/// <remarks>
/// All services share the key (<c>Analytics:PseudonymKey</c>), so one course has one pseudonym in every service's
/// tables and analysts can still join across them. The purpose is part of the hash so two kinds of id never share a
/// pseudonym, and a purpose of its own makes a table deliberately unjoinable to the others.
/// </remarks>
public sealed class AnalystPseudonyms
{
    public const string SectionKey = "Analytics:PseudonymKey";

    /// <summary>Public, like the development signing key: accepted only in Development and tests.</summary>
    public const string DevelopmentKey = "development-only-analyst-pseudonym-key-0123456789";

    private readonly byte[] key;

    public AnalystPseudonyms(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>Why this key must not be used in the given environment, or null when it may.</summary>
    public static string? Refusal(string? key, bool isDevelopmentOrTest) =>
        SecretKey.Refusal(SectionKey, key, DevelopmentKey, isDevelopmentOrTest);

    public Guid Course(Guid courseId) => Of("course", courseId);

    public Guid Session(Guid sessionId) => Of("session", sessionId);

    public Guid Screening(Guid screeningId) => Of("screening", screeningId);

    public Guid AdverseEvent(Guid adverseEventId) => Of("adverse-event", adverseEventId);

    /// <summary>A session's row in a staff/room utilisation table: unjoinable to the patient's session on purpose.</summary>
    public Guid ResourceDay(Guid sessionId) => Of("resource-day", sessionId);

    private Guid Of(string purpose, Guid id)
    {
        Span<byte> input = stackalloc byte[64];
        var written = Encoding.ASCII.GetBytes(purpose, input);
        id.TryWriteBytes(input[written..]);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, input[..(written + 16)], hash);
        return new Guid(hash[..16]);
    }
}

public static class AnalystPseudonymsRegistration
{
    /// <summary>
    /// Refuses to start without a usable key, as with the token signing key. Returned because the analyst
    /// projections are built with it while the store is configured.
    /// </summary>
    public static AnalystPseudonyms AddAnalystPseudonyms(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var isDevelopmentOrTest = SecretKey.IsDevelopmentOrTest(builder.Environment);
        var key = builder.Configuration[AnalystPseudonyms.SectionKey] ?? (isDevelopmentOrTest ? AnalystPseudonyms.DevelopmentKey : null);
        if (AnalystPseudonyms.Refusal(key, isDevelopmentOrTest) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        var pseudonyms = new AnalystPseudonyms(key!);
        builder.Services.AddSingleton(pseudonyms);
        return pseudonyms;
    }
}
