namespace Platform.Commands;

/// <summary>
/// Back-entry: clinics document on paper and enter it later, so a command may say when its facts happened with an
/// <c>Occurred-At</c> header. That instant is the command's "now" for its decide function, within bounds: not in the
/// future, not older than the protocol's back-entry window, and never before the last fact already on the record
/// (<see cref="BeforeRecordRuleId"/>), so a late entry can only extend the record, never reorder it. The real entry
/// time stays the event's timestamp; the clinical one is the event header <see cref="EventHeader"/>.
/// </summary>
public static class OccurredAt
{
    public const string Header = "Occurred-At";

    /// <summary>The Marten event header holding the clinical instant of a back-entered or message-applied fact.</summary>
    public const string EventHeader = "occurred-at";

    public const string BeforeRecordRuleId = "PLT-OCCURRED-BEFORE-RECORD";

    /// <summary>The header's instant, or null when it is absent or not a valid instant (<see cref="Check"/> says why).</summary>
    public static DateTimeOffset? Requested(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers[Header].ToString();
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && HasOffset(value)
            ? at.ToUniversalTime()
            : null;
    }

    /// <summary>The instant the command's facts occurred: the header's when it is valid, else the clock's now.</summary>
    public static ClinicTime Now(HttpRequest request, ClinicClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.Now();
        return Requested(request) is { } at && Problem(at, now.Utc, clock.BackEntryWindow) is null ? now with { Utc = at } : now;
    }

    /// <summary>Adds the header's error, if any, naming the header and the rule it broke.</summary>
    public static FieldErrors Check(HttpRequest request, ClinicClock clock, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Sent(request))
        {
            return errors;
        }

        var problem = Requested(request) is { } at
            ? Problem(at, clock.Now().Utc, clock.BackEntryWindow)
            : "must be an ISO 8601 instant with a time zone offset, e.g. 2026-03-02T09:30:00Z";
        return problem is null ? errors : errors.Add(Header, problem);
    }

    /// <summary>The rule a requested instant breaks, or null when it is acceptable.</summary>
    public static string? Problem(DateTimeOffset at, DateTimeOffset now, TimeSpan window) =>
        at > now ? "must not be in the future"
        : at < now - window ? $"must be within the back-entry window of {window.TotalDays:0} days (Clinic:BackEntryWindowDays)"
        : null;

    /// <summary>Refuses a fact dated before the last one on the record: a late entry may extend the record, not reorder it.</summary>
    public static Decision? BeforeRecord(DateTimeOffset at, DateTimeOffset lastFact) =>
        at < lastFact
            ? Decision.Reject(BeforeRecordRuleId, $"{Header} {at:O} is before the last fact on this record ({lastFact:O}).")
            : null;

    /// <summary>
    /// Keeps the clinical instant on the events the session appends: a back-entered command, or a message applied after
    /// the fact it reports (an approval opens the course when it was approved, not when the message arrived).
    /// </summary>
    public static void Stamp(IDocumentSession session, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.SetHeader(EventHeader, at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>The clinical instant of a stored event's header; the event store may hand it back as a DateTime.</summary>
    public static DateTimeOffset? FromEventHeader(IReadOnlyDictionary<string, object>? headers) =>
        headers is null || !headers.TryGetValue(EventHeader, out var value) ? null
        : value switch {
            DateTimeOffset at => at,
            DateTime { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime()),
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) => at,
            _ => null,
        };

    /// <summary>
    /// A command that changes the clinic's set-up (staff, rooms, operations), not a clinical record: it cannot be
    /// back-entered, and an Occurred-At sent to it is refused rather than silently ignored.
    /// </summary>
    public static RouteHandlerBuilder WithoutBackEntry(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(new NoBackEntry())
            .AddEndpointFilter(async (context, next) =>
                !Sent(context.HttpContext.Request)
                    ? await next(context)
                    : Problems.Invalid(Header, "is only for commands that record a clinical fact; this one changes the clinic's set-up"));

    /// <summary>Endpoint metadata of <see cref="WithoutBackEntry"/>: the OpenAPI document does not offer the header.</summary>
    public sealed class NoBackEntry;

    // Present is sent: an empty header is a client's bug (an unset variable), refused like any other unreadable value
    // rather than silently recorded as "now".
    private static bool Sent(HttpRequest request) => request.Headers.ContainsKey(Header);

    // A local time without an offset would be read in the server's zone: ambiguous for a clinical record.
    public static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
