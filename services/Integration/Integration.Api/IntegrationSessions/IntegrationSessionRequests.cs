namespace Integration.Api.IntegrationSessions;

/// <summary>Intentions the patient sets before a dosing session. <paramref name="SetAt"/> defaults to now.</summary>
public sealed record SetIntentionsRequest(string? Intentions, int? ForDosingNumber, DateTimeOffset? SetAt);

/// <summary>
/// An integration session held after a dosing session. Themes are short tags; notes are PHI and only readable through
/// the notes endpoint. <paramref name="HeldAt"/> defaults to now.
/// </summary>
public sealed record HoldIntegrationSessionRequest(
    Guid? DosingSessionId,
    DateTimeOffset? HeldAt,
    IReadOnlyList<string>? Themes,
    string? Notes);
