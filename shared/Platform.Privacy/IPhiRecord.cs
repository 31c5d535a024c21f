using System.Text.Json.Serialization;

namespace Platform.Privacy;

/// <summary>
/// A stored or sent record with <see cref="PhiAttribute"/> properties, itself or in what it holds: it names the
/// subject whose key seals them (the screening or course the record belongs to; one patient's). The serializer calls
/// the two hooks around the record, so a value nested anywhere inside is sealed with the nearest record's subject.
/// Excluded from the broker's topology: MassTransit would otherwise publish every contract that implements it to an
/// exchange of its own, which no service's broker user may write to (the publish fails and is retried forever).
/// </summary>
[MassTransit.ExcludeFromTopology]
public interface IPhiRecord : IJsonOnSerializing, IJsonOnSerialized
{
    Guid PhiSubject { get; }

    void IJsonOnSerializing.OnSerializing() => PhiSubjects.Enter(PhiSubject);

    void IJsonOnSerialized.OnSerialized() => PhiSubjects.Exit();
}

/// <summary>The subjects of the records being serialized on this thread, innermost last (serialization is synchronous).</summary>
public static class PhiSubjects
{
    [ThreadStatic]
    private static Stack<Guid>? open;

    public static void Enter(Guid subject)
    {
        open ??= new Stack<Guid>();
        if (open.Count > 64)
        {
            // Only a serialization that threw between the hooks leaves entries behind; none of them is current.
            open.Clear();
        }

        open.Push(subject);
    }

    public static void Exit() => open?.TryPop(out _);

    /// <summary>The innermost record's subject; a PHI value outside any record is a programming error, refused.</summary>
    public static Guid Current =>
        open is { Count: > 0 } && open.Peek() is var subject && subject != Guid.Empty
            ? subject
            : throw new InvalidOperationException("A [Phi] value was written outside an IPhiRecord that names its subject.");
}
