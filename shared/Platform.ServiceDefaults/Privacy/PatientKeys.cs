using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Privacy;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Privacy;

/// <summary>
/// The patients' data keys in <c>privacy.subject_keys</c> (deploy/postgres/database.sql), one per screening or course,
/// each wrapped by the master key. All services share the table (<c>ConnectionStrings:PatientKeys</c>, by default the
/// services' own database), so a sealed value in a message is read by its consumer, and nulling a patient's keys makes
/// every copy unreadable at once: events, documents, messages, kept messages and backups of them.
/// </summary>
public sealed class PatientKeys : IPhiKeyRing
{
    public const string MasterKeySetting = "Privacy:MasterKey";

    /// <summary>Public, like the other development keys: accepted only in Development and tests.</summary>
    public const string DevelopmentMasterKey = "development-only-patient-key-master-key-0123456789";

    /// <summary>
    /// How long a key is believed without asking the table again. Erasing evicts at once in the erasing process; other
    /// processes stop reading the patient's values within this time. The stored data is unreadable at once.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private const int KeyBytes = 32, NonceBytes = 12, TagBytes = 16;

    /// <summary>
    /// The most keys read per round trip when one is missing: that one and those made after it, in the order they were
    /// made, which is the order a projection rebuild or a replay meets their subjects. A rebuild then asks once per page
    /// of courses, not once per course. Keys read ahead are unwrapped when first used.
    /// </summary>
    public const int ReadAhead = 500;

    /// <summary>What a miss reads while misses land anywhere (reads of random records): hardly more than the key itself.</summary>
    private const int FirstReadAhead = 8;

    /// <summary>Entries kept at most; past it the cache starts again empty (a rebuild of a large chain passes through).</summary>
    private const int MaxCached = 200_000;

    /// <summary>Process-wide, like the ring: a process that hosts several services (tests, the benchmark) shares one table.</summary>
    private static readonly ConcurrentDictionary<Guid, CachedKey> Cache = new();

    /// <summary>
    /// The read-ahead, adapted like a file system's: each miss just past the keys read last (a walk through the log)
    /// reads four times more, up to <see cref="ReadAhead"/>; a miss elsewhere starts again at <see cref="FirstReadAhead"/>.
    /// Shared and updated without a lock: a race only sizes one read differently.
    /// </summary>
    private static int readAheadSize = FirstReadAhead;

    private static long readAheadEnd = -1;

    private readonly NpgsqlDataSource keys;
    private readonly byte[] master;
    private readonly byte[] digestKey;
    private readonly TimeProvider time;

    public PatientKeys(string connectionString, string masterKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        keys = NpgsqlDataSource.Create(connectionString);
        // The configured secret is text of at least 32 bytes; its SHA-256 is the AES-256 key that wraps the data keys.
        master = SHA256.HashData(Encoding.UTF8.GetBytes(masterKey));
        digestKey = HMACSHA256.HashData(master, "sealed-value-digest"u8);
        this.time = time;
    }

    /// <summary>Why this master key must not be used in the given environment, or null when it may.</summary>
    public static string? Refusal(string? key, bool isDevelopmentOrTest) =>
        SecretKey.Refusal(MasterKeySetting, key, DevelopmentMasterKey, isDevelopmentOrTest);

    public byte[]? KeyOf(Guid subject) =>
        Load(subject, out var key) ? key : throw new InvalidOperationException($"No data key exists for subject {subject}.");

    public byte[]? SealingKeyOf(Guid subject)
    {
        if (Load(subject, out var key))
        {
            return key;
        }

        // Its patient is not known here; the erasure finds the key by subject (the patient's screenings and courses).
        var made = RandomNumberGenerator.GetBytes(KeyBytes);
        using (var insert = InsertKey(subject, Guid.Empty, string.Empty, made))
        {
            if (insert.ExecuteNonQuery() == 1)
            {
                Remember(subject, CachedKey.Of(made, time.GetTimestamp()));
                return made;
            }
        }

        return KeyOf(subject); // another process made it first
    }

    /// <summary>
    /// The subject's key from the cache or the table (synchronously: the serializer asks from inside a converter, once
    /// per subject and cache lifetime, and a miss reads up to <see cref="ReadAhead"/> keys); false when the subject has no key row.
    /// </summary>
    private bool Load(Guid subject, out byte[]? key)
    {
        if (Cache.TryGetValue(subject, out var cached) && time.GetElapsedTime(cached.LoadedAt) < CacheLifetime)
        {
            key = cached.Open(subject, this);
            return true;
        }

        var size = readAheadSize;
        var end = readAheadEnd;
        using var command = keys.CreateCommand(
            "select subject_id, wrapped_key, seq from privacy.subject_keys "
            + "where seq >= (select seq from privacy.subject_keys where subject_id = $1) order by seq limit $2");
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = size });
        using var reader = command.ExecuteReader();
        var loadedAt = time.GetTimestamp();
        CachedKey? found = null;
        while (reader.Read())
        {
            var id = reader.GetGuid(0);
            var entry = new CachedKey(reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), loadedAt);
            Remember(id, entry);
            if (id == subject)
            {
                // The first row: the missing key's own place in the order.
                found = entry;
                readAheadSize = Math.Abs(reader.GetInt64(2) - end) <= size ? Math.Min(ReadAhead, size * 4) : FirstReadAhead;
            }

            readAheadEnd = reader.GetInt64(2);
        }

        key = found?.Open(subject, this);
        return found is not null;
    }

    private static void Remember(Guid subject, CachedKey entry)
    {
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[subject] = entry;
    }

    /// <summary>A key as the table holds it (wrapped; null once erased), unwrapped the first time it is used.</summary>
    private sealed class CachedKey(byte[]? wrapped, long loadedAt)
    {
        private byte[]? key;

        public long LoadedAt { get; } = loadedAt;

        public static CachedKey Of(byte[] key, long loadedAt) => new(null, loadedAt) { key = key };

        public byte[]? Open(Guid subject, PatientKeys keys) => key ??= wrapped is null ? null : keys.Unwrap(subject, wrapped);
    }

    /// <summary>
    /// A keyed digest (HMAC-SHA-256, hex) of a value that is stored sealed but must still be found by equality (a
    /// referral's external reference). It outlives an erasure, and proves only what its holder already knows: matching
    /// it needs both the master key and the value itself.
    /// </summary>
    public string Digest(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(HMACSHA256.HashData(digestKey, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>
    /// Gives <paramref name="subject"/> (a new screening or course of <paramref name="patient"/>) its key before
    /// anything of it is written; idempotent, and committed on its own: a key whose record never commits is harmless.
    /// </summary>
    public async Task EnsureAsync(Guid subject, Guid patient, string clinic, CancellationToken cancellationToken)
    {
        if (Cache.ContainsKey(subject))
        {
            return;
        }

        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        await using var command = InsertKey(subject, patient, clinic, key);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            Remember(subject, CachedKey.Of(key, time.GetTimestamp()));
        }
    }

    /// <summary>
    /// Keys for many new subjects, made in the order given (a bulk import, the benchmark's data sets): one statement per
    /// thousand instead of a round trip per subject. Subjects that have a key keep it.
    /// </summary>
    public async Task EnsureManyAsync(IReadOnlyList<(Guid Subject, Guid Patient, string Clinic)> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        foreach (var batch in subjects.Chunk(1000))
        {
            await using var command = keys.CreateCommand(
                "insert into privacy.subject_keys (subject_id, patient_id, clinic, wrapped_key) "
                + "select s, p, c, k from unnest($1::uuid[], $2::uuid[], $3::text[], $4::bytea[]) with ordinality as u(s, p, c, k, n) order by n "
                + "on conflict (subject_id) do nothing");
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Subject).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Patient).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Clinic).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => Wrap(b.Subject, RandomNumberGenerator.GetBytes(KeyBytes))).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The insert of a subject's new key row, wrapped; a row there already wins (idempotent, and races are harmless).</summary>
    private NpgsqlCommand InsertKey(Guid subject, Guid patient, string clinic, byte[] key)
    {
        var command = keys.CreateCommand(
            "insert into privacy.subject_keys (subject_id, patient_id, clinic, wrapped_key) values ($1, $2, $3, $4) on conflict (subject_id) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = patient });
        command.Parameters.Add(new NpgsqlParameter { Value = clinic });
        command.Parameters.Add(new NpgsqlParameter { Value = Wrap(subject, key) });
        return command;
    }

    /// <summary>
    /// Nulls every key of the patient at the clinic and of <paramref name="subjects"/> (the patient's screenings and
    /// courses, whatever patient their key rows name) and records the erasure, in one transaction; the erasure already
    /// recorded when the patient was erased before (a repeated request changes nothing).
    /// </summary>
    public async Task<Erasure> EraseAsync(Erasure erasure, IReadOnlyList<Guid> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        await using var connection = await keys.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var destroyed = new List<Guid>();
        await using (var destroy = new NpgsqlCommand(
            "update privacy.subject_keys set wrapped_key = null, erased_at = $3 "
            + "where ((clinic = $1 and patient_id = $2) or subject_id = any($4)) and wrapped_key is not null returning subject_id",
            connection, transaction))
        {
            destroy.Parameters.Add(new NpgsqlParameter { Value = erasure.Clinic });
            destroy.Parameters.Add(new NpgsqlParameter { Value = erasure.PatientId });
            destroy.Parameters.Add(new NpgsqlParameter { Value = erasure.ErasedAt });
            destroy.Parameters.Add(new NpgsqlParameter { Value = subjects.ToArray() });
            await using var reader = await destroy.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                destroyed.Add(reader.GetGuid(0));
            }
        }

        // As PostgreSQL keeps it (microseconds), so the first answer and every later read agree.
        var recorded = erasure with { ErasedAt = erasure.ErasedAt.AddTicks(-(erasure.ErasedAt.Ticks % 10)), KeysDestroyed = destroyed.Count };
        await using (var record = new NpgsqlCommand(
            "insert into privacy.erasures (clinic, patient_id, erased_at, erased_by, reason, legal_basis, retention_until, keys_destroyed) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing",
            connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = recorded.Clinic });
            record.Parameters.Add(new NpgsqlParameter { Value = recorded.PatientId });
            record.Parameters.Add(new NpgsqlParameter { Value = recorded.ErasedAt });
            record.Parameters.Add(new NpgsqlParameter { Value = recorded.ErasedBy });
            record.Parameters.Add(new NpgsqlParameter { Value = recorded.Reason });
            record.Parameters.Add(new NpgsqlParameter { Value = (object?)recorded.LegalBasis ?? DBNull.Value });
            record.Parameters.Add(new NpgsqlParameter { Value = recorded.RetentionUntil });
            record.Parameters.Add(new NpgsqlParameter { Value = recorded.KeysDestroyed });
            if (await record.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Erased already (a repeat, or a concurrent request that committed first): its record is the answer.
                await transaction.RollbackAsync(cancellationToken);
                return (await ErasuresAsync(erasure.Clinic, erasure.PatientId, 0, 1, cancellationToken))[0];
            }
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var subject in destroyed)
        {
            Cache.TryRemove(subject, out _);
        }

        return recorded;
    }

    /// <summary>The clinic's erasures, newest first.</summary>
    public async Task<IReadOnlyList<Erasure>> ErasuresAsync(string clinic, Guid? patient, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = keys.CreateCommand(
            "select clinic, patient_id, erased_at, erased_by, reason, legal_basis, retention_until, keys_destroyed from privacy.erasures "
            + "where clinic = $1 and ($2::uuid is null or patient_id = $2) order by erased_at desc, patient_id offset $3 limit $4");
        command.Parameters.Add(new NpgsqlParameter { Value = clinic });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)patient ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var erasures = new List<Erasure>();
        while (await reader.ReadAsync(cancellationToken))
        {
            erasures.Add(Read(reader));
        }

        return erasures;
    }

    /// <summary>Which of <paramref name="patients"/> the clinic has erased.</summary>
    public async Task<IReadOnlySet<Guid>> ErasedAsync(string clinic, IReadOnlyCollection<Guid> patients, CancellationToken cancellationToken)
    {
        var erased = new HashSet<Guid>();
        if (patients.Count == 0)
        {
            return erased;
        }

        await using var command = keys.CreateCommand("select patient_id from privacy.erasures where clinic = $1 and patient_id = any($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = clinic });
        command.Parameters.Add(new NpgsqlParameter { Value = patients.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            erased.Add(reader.GetGuid(0));
        }

        return erased;
    }

    private static Erasure Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetGuid(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetFieldValue<DateOnly>(6),
        reader.GetInt32(7));

    private byte[] Wrap(Guid subject, byte[] key)
    {
        var wrapped = new byte[NonceBytes + TagBytes + KeyBytes];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(master, TagBytes);
        aes.Encrypt(wrapped.AsSpan(0, NonceBytes), key, wrapped.AsSpan(NonceBytes + TagBytes), wrapped.AsSpan(NonceBytes, TagBytes), subject.ToByteArray());
        return wrapped;
    }

    private byte[] Unwrap(Guid subject, byte[] wrapped)
    {
        var key = new byte[KeyBytes];
        using var aes = new AesGcm(master, TagBytes);
        aes.Decrypt(wrapped.AsSpan(0, NonceBytes), wrapped.AsSpan(NonceBytes + TagBytes), wrapped.AsSpan(NonceBytes, TagBytes), key, subject.ToByteArray());
        return key;
    }
}

/// <summary>One patient's erasure at one clinic, as <c>privacy.erasures</c> keeps it (no PHI).</summary>
public sealed record Erasure(
    string Clinic,
    Guid PatientId,
    DateTimeOffset ErasedAt,
    string ErasedBy,
    string Reason,
    string? LegalBasis,
    DateOnly RetentionUntil,
    int KeysDestroyed);

public static class PatientKeysRegistration
{
    /// <summary>
    /// The key store of this service and the process's key ring; refuses to start without a usable master key, as with
    /// the other secrets.
    /// </summary>
    public static WebApplicationBuilder AddPatientKeys(this WebApplicationBuilder builder)
    {
        var isDevelopmentOrTest = SecretKey.IsDevelopmentOrTest(builder.Environment);
        var master = builder.Configuration[PatientKeys.MasterKeySetting] ?? (isDevelopmentOrTest ? PatientKeys.DevelopmentMasterKey : null);
        if (PatientKeys.Refusal(master, isDevelopmentOrTest) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        var connection = builder.Configuration.GetConnectionString("PatientKeys")
            ?? builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:PatientKeys (or ConnectionStrings:Postgres) is not configured.");
        var patientKeys = new PatientKeys(connection, master!, TimeProvider.System);
        builder.Services.AddSingleton(patientKeys);
        PhiSealing.Use(patientKeys);
        return builder;
    }
}
