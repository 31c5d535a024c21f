using System.Collections.Concurrent;
using System.Security.Cryptography;
using Platform.Privacy;

namespace Platform.Testing;

/// <summary>
/// The key ring of a unit-test process, which has no database: a key per subject made on first use, and erasure by
/// forgetting. Never in a process that hosts a service (its key ring is the key table, PatientKeys).
/// </summary>
public sealed class MemoryKeyRing : IPhiKeyRing
{
    public static readonly MemoryKeyRing Instance = new();

    private readonly ConcurrentDictionary<Guid, byte[]?> keys = new();

    public static void Install() => PhiSealing.Use(Instance);

    public byte[]? KeyOf(Guid subject) => keys.GetOrAdd(subject, _ => RandomNumberGenerator.GetBytes(32));

    public byte[]? SealingKeyOf(Guid subject) => KeyOf(subject);

    public void Erase(Guid subject) => keys[subject] = null;
}
