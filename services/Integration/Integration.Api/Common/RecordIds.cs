namespace Integration.Api.Common;

/// <summary>
/// Ids of the records a POST creates inside a course (adverse event, measurement, integration session...). With an
/// Idempotency-Key the id is derived from it, so a retried request carries the same id and the decider treats it as a
/// replay instead of recording the event twice.
/// </summary>
public static class RecordIds
{
    public static Guid For(HttpRequest request, Guid courseId, string kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IdempotencyKey.Read(request) is { } key
            ? IdempotencyKey.ToStreamId($"integration/{courseId:N}/{kind}", key)
            : Guid.NewGuid();
    }
}
