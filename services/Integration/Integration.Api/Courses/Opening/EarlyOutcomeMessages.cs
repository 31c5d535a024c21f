using System.Text.Json;
using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Integration.Api.Courses;

/// <summary>
/// What the opening of the outcome record does with the messages kept for a record not opened yet
/// (<see cref="EarlyMessages"/>): completed dosing sessions, recorded as they are (<see cref="RecordDosingSession"/>).
/// </summary>
public static class EarlyOutcomeMessages
{
    /// <summary>The one message Integration keeps until the record opens: a completed dosing session.</summary>
    public static Decision? Apply(object message, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol) => message switch {
        DosingSessionCompleted completed => RecordDosingSession.Decide(completed, state, now, protocol),
        _ => throw new InvalidOperationException($"Integration keeps no {message.GetType().Name} until the record opens."),
    };

    /// <summary>The table the release before <see cref="EarlyMessages"/> kept dosing sessions in (document EarlyDosingSession).</summary>
    public const string OldTable = "mt_doc_early_dosing_session";

    /// <summary>
    /// One kept session of the earlier release: it held the whole <see cref="DosingSessionCompleted"/>, so nothing is
    /// lost in the conversion; the time it was kept is kept too.
    /// </summary>
    public static IEnumerable<EarlyMessage> FromOldDocument(JsonElement data, DateTimeOffset now)
    {
        var old = data.Deserialize<OldEarlyDosingSession>(EarlyMessageUpgrade.OldDocuments)
            ?? throw new InvalidOperationException("An early dosing session of the earlier release is empty.");
        var message = old.Message;
        yield return EarlyMessage.Of(
            message.CourseId, message.SessionId.ToString(), message, message.DoseStartedAt, old.KeptAt == default ? now : old.KeptAt);
    }

    private sealed record OldEarlyDosingSession(Guid Id, Guid CourseId, DosingSessionCompleted Message, DateTimeOffset KeptAt);
}
