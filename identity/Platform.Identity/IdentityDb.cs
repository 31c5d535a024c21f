using Microsoft.EntityFrameworkCore;

namespace Platform.Identity;

/// <summary>
/// The provider's store: OpenIddict's applications, authorizations, scopes and tokens plus its own users and keys, all
/// in schema "identity" of the platform database (the services' schemas live next to it, which is why start-up checks
/// this schema for tables instead of asking whether the database exists).
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : DbContext(options)
{
    public const string Schema = "identity";

    public DbSet<IdentityUser> Users => Set<IdentityUser>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<EncryptionKey> EncryptionKeys => Set<EncryptionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.UseOpenIddict();

        modelBuilder.Entity<IdentityUser>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.UserName);
            user.Property(u => u.UserName).HasColumnName("user_name");
            user.Property(u => u.PasswordHash).HasColumnName("password_hash");
            user.Property(u => u.Role).HasColumnName("role");
            user.Property(u => u.Clinics).HasColumnName("clinics");
            user.Property(u => u.Subject).HasColumnName("subject");
            user.HasIndex(u => u.Subject).IsUnique();
        });

        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.Created).HasColumnName("created");
            key.Property(k => k.PrivateKeyPem).HasColumnName("private_key_pem");
            key.Property(k => k.Retired).HasColumnName("retired");
        });

        modelBuilder.Entity<EncryptionKey>(key =>
        {
            key.ToTable("encryption_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.Created).HasColumnName("created");
            key.Property(k => k.Secret).HasColumnName("secret");
        });
    }
}

/// <summary>A clinician (or other person) who signs in on the login page.</summary>
public sealed class IdentityUser
{
    public required string UserName { get; set; }

    /// <summary><see cref="Passwords"/> format: pbkdf2-sha256$iterations$salt$hash (base64).</summary>
    public required string PasswordHash { get; set; }

    public required string Role { get; set; }

    /// <summary>The clinics the user acts in; "*" means every clinic.</summary>
    public required List<string> Clinics { get; set; }

    /// <summary>The staff id the services see as the token's "sub".</summary>
    public required string Subject { get; set; }
}

/// <summary>An RS256 signing key; every key not retired is published in the JWKS, the newest signs.</summary>
public sealed class SigningKey
{
    /// <summary>Also the JWT "kid".</summary>
    public required string Id { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>The RSA private key as PKCS#8 PEM.</summary>
    public required string PrivateKeyPem { get; set; }

    public bool Retired { get; set; }
}

/// <summary>
/// The symmetric key OpenIddict encrypts its own tokens with (authorization codes, refresh tokens). Stored, not
/// ephemeral, so refresh tokens stay readable across restarts; access tokens are never encrypted.
/// </summary>
public sealed class EncryptionKey
{
    public required string Id { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>256 random bits, base64.</summary>
    public required string Secret { get; set; }
}
