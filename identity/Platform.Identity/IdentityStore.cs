using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Identity;

/// <summary>Start-up work on the database: the tables, the keys, the rotation of the signing key.</summary>
public static class IdentityStore
{
    /// <summary>Session advisory lock taken by every start (and rotate-key), next to the services' daemon lock ids 4_101..4_303.</summary>
    public const long LockId = 4_404;

    /// <summary>
    /// OpenIddict's list sort keeps the registration order of RSA keys (they all compare equal, and List.Sort is an
    /// insertion sort up to 16 entries), which is how the newest key comes first and signs. Beyond 16 keys that
    /// guarantee is gone, so only the newest 16 are published: retire old keys long before that.
    /// </summary>
    public const int MaxPublishedKeys = 16;

    public static DbContextOptions<IdentityDb> Options(string connectionString) =>
        new DbContextOptionsBuilder<IdentityDb>().UseNpgsql(connectionString).UseOpenIddict().Options;

    /// <summary>
    /// Runs <paramref name="work"/> holding the advisory lock, after creating the tables if schema "identity" has none,
    /// so two providers starting together neither create the tables twice nor each add a first key.
    /// </summary>
    public static async Task<T> UnderLockAsync<T>(IdentityDb db, Func<Task<T>> work)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockId})");
            try
            {
                // EnsureCreated would see the services' tables in the same database and do nothing.
                var tables = await db.Database
                    .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = {IdentityDb.Schema}")
                    .SingleAsync();
                if (tables == 0)
                {
                    await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
                }

                return await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockId})");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Creates the tables and the first keys if missing, and returns the keys to register with OpenIddict.</summary>
    public static async Task<(IReadOnlyList<RsaSecurityKey> Signing, IReadOnlyList<SymmetricSecurityKey> Encryption)> PrepareAsync(string connectionString, TimeProvider time)
    {
        await using var db = new IdentityDb(Options(connectionString));
        return await UnderLockAsync(db, async () =>
        {
            if (!await db.SigningKeys.AnyAsync(k => !k.Retired))
            {
                await AddSigningKeyAsync(db, time);
            }

            if (!await db.EncryptionKeys.AnyAsync())
            {
                db.EncryptionKeys.Add(new EncryptionKey { Id = NewKeyId(time), Created = time.GetUtcNow(), Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                await db.SaveChangesAsync();
            }

            var signing = await db.SigningKeys.Where(k => !k.Retired)
                .OrderByDescending(k => k.Created).ThenByDescending(k => k.Id)
                .Take(MaxPublishedKeys)
                .ToListAsync();
            var encryption = await db.EncryptionKeys.OrderByDescending(k => k.Created).ThenByDescending(k => k.Id).ToListAsync();
            return ((IReadOnlyList<RsaSecurityKey>)[.. signing.Select(ToSecurityKey)],
                (IReadOnlyList<SymmetricSecurityKey>)[.. encryption.Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Secret)) { KeyId = k.Id })]);
        });
    }

    /// <summary>
    /// The rotate-key command: a new newest signing key. A running provider reads its keys only at start-up, so it
    /// keeps signing with (and publishing) the old keys until it restarts; after the restart it signs with the new key
    /// and publishes old and new, so tokens signed before the restart validate until they expire.
    /// </summary>
    public static async Task<string> RotateAsync(string connectionString, TimeProvider time)
    {
        await using var db = new IdentityDb(Options(connectionString));
        return await UnderLockAsync(db, () => AddSigningKeyAsync(db, time));
    }

    private static async Task<string> AddSigningKeyAsync(IdentityDb db, TimeProvider time)
    {
        using var rsa = RSA.Create(2048);
        var key = new SigningKey { Id = NewKeyId(time), Created = time.GetUtcNow(), PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem() };
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync();
        return key.Id;
    }

    // Sortable and readable in the JWKS ("kid"): the creation time plus randomness against two keys in one second.
    private static string NewKeyId(TimeProvider time) =>
        $"{time.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    private static RsaSecurityKey ToSecurityKey(SigningKey stored)
    {
        // Not disposed: OpenIddict signs with this instance for the life of the process.
        var rsa = RSA.Create();
        rsa.ImportFromPem(stored.PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = stored.Id };
    }
}
