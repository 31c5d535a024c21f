namespace Platform.Messaging;

/// <summary>
/// Marks a message (by id or business key) as handled; stored in the same transaction as the consumer's events,
/// so a redelivery finds it and has no second effect.
/// </summary>
public sealed record ProcessedMessage(string Id, string MessageType, DateTimeOffset ProcessedAt);
