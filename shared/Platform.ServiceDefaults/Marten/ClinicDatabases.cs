using Marten.Storage;
using Npgsql;
using Platform.ServiceDefaults.Identity;

namespace Platform.ServiceDefaults.Marten;

/// <summary>
/// Which PostgreSQL database holds each clinic's records ("Database:Groups"). A chain that outgrows one server moves
/// groups of clinics to other servers by configuration, not code: each group names its connection string and its
/// clinics, and every clinic of <c>Chain:Clinics</c> in no group stays in <c>ConnectionStrings:Postgres</c>, the
/// primary database, which also keeps what belongs to no clinic (parked events, the audit of chain-level reads).
/// Within each database the clinics stay conjoined tenants (a tenant_id column); without groups the store is the one
/// database it always was. Marten runs the daemon, the projections and the outbox relay once per database.
/// </summary>
public sealed class ClinicDatabases
{
    public const string Section = "Database:Groups";

    /// <summary>The database of <c>ConnectionStrings:Postgres</c>.</summary>
    public const string Primary = "primary";

    private readonly Dictionary<string, string> databaseOf;

    private ClinicDatabases(IReadOnlyDictionary<string, string> connectionStrings, Dictionary<string, string> databaseOf)
    {
        ConnectionStrings = connectionStrings;
        this.databaseOf = databaseOf;
    }

    /// <summary>Each database's connection string by its name, the primary first.</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings { get; }

    /// <summary>True when every clinic is in the primary database.</summary>
    public bool Single => ConnectionStrings.Count == 1;

    /// <summary>The name of the database that holds <paramref name="clinic"/> (the primary for none or an unknown one).</summary>
    public string NameOf(string? clinic) => clinic is not null && databaseOf.TryGetValue(clinic, out var name) ? name : Primary;

    /// <summary>The clinics a database holds.</summary>
    public IReadOnlyList<string> ClinicsOf(string database) => [.. databaseOf.Where(c => c.Value == database).Select(c => c.Key)];

    /// <summary>
    /// Reads <c>Database:Groups:&lt;name&gt;:ConnectionString</c> and <c>:Clinics</c> (a list, or one comma-separated
    /// value). A group without a connection string or clinics, a clinic outside <c>Chain:Clinics</c> or in two groups
    /// stops the service at start-up, naming the setting: a clinic's records must never land where nobody expects them.
    /// </summary>
    public static ClinicDatabases From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var maxPoolSize = configuration.GetValue("Database:MaxPoolSize", PlatformMarten.DefaultMaxPoolSize);
        string Bound(string connectionString) => PlatformMarten.BoundedPool(connectionString, maxPoolSize);
        var chain = ChainClinics.From(configuration);
        var connectionStrings = new Dictionary<string, string> {
            [Primary] = Bound(configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.")),
        };
        var databaseOf = chain.Ids.ToDictionary(c => c, _ => Primary);
        foreach (var group in configuration.GetSection(Section).GetChildren())
        {
            var setting = $"{Section}:{group.Key}";
            if (!ClinicScope.IsWellFormed(group.Key) || group.Key == Primary)
            {
                throw new InvalidOperationException(
                    $"{setting}: '{group.Key}' cannot name a database group (lower-case letters, digits and '-', not '{Primary}').");
            }

            var connectionString = group["ConnectionString"] is { Length: > 0 } configured
                ? configured
                : throw new InvalidOperationException($"{setting}:ConnectionString is not set.");
            var clinics = group.GetSection("Clinics").Get<string[]>() is { Length: > 0 } list
                ? list
                : (group["Clinics"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (clinics.Length == 0)
            {
                throw new InvalidOperationException($"{setting}:Clinics is not set: name the clinics this database holds.");
            }

            foreach (var clinic in clinics)
            {
                if (!chain.Contains(clinic))
                {
                    throw new InvalidOperationException($"{setting}:Clinics: '{clinic}' is not a clinic of Chain:Clinics.");
                }

                if (databaseOf[clinic] != Primary)
                {
                    throw new InvalidOperationException($"{setting}:Clinics: '{clinic}' is already in the group '{databaseOf[clinic]}'.");
                }

                databaseOf[clinic] = group.Key;
            }

            connectionStrings[group.Key] = Bound(connectionString);
        }

        return new ClinicDatabases(connectionStrings, databaseOf);
    }

    /// <summary>One database, or Marten's static multi-database tenancy with the primary as the default tenant's.</summary>
    public void Apply(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Single)
        {
            options.Connection(ConnectionStrings[Primary]);
            return;
        }

        options.MultiTenantedDatabases(tenancy =>
        {
            foreach (var (name, connectionString) in ConnectionStrings)
            {
                var database = tenancy.AddMultipleTenantDatabase(connectionString, name).ForTenants([.. ClinicsOf(name)]);
                if (name == Primary)
                {
                    database.AsDefault();
                }
            }
        });
        // What belongs to no clinic (parked events, the operators' reads) is the primary database's.
        options.Advanced.DefaultTenantUsageEnabled = true;
    }

    /// <summary>
    /// A chain-level read over every database, in one order and paged as if it were one table: each database answers its
    /// first offset + fetch rows (<paramref name="query"/> gets the database, how many to skip and how many to take),
    /// and the merge keeps the page. With one database the query pages itself.
    /// </summary>
    public static async Task<List<T>> ReadAcrossAsync<T>(
        IDocumentStore store, Func<IMartenDatabase, int, int, Task<List<T>>> query, IComparer<T> order, int offset, int fetch)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var databases = await store.Storage.AllDatabases();
        if (databases.Count == 1)
        {
            return await query(databases[0], offset, fetch);
        }

        var rows = new List<T>();
        foreach (var database in databases)
        {
            rows.AddRange(await query(database, 0, offset + fetch));
        }

        return [.. rows.Order(order).Skip(offset).Take(fetch)];
    }

    /// <summary>The same for a SQL read: <paramref name="query"/> gets an open connection to each database.</summary>
    public static Task<List<T>> ReadAcrossAsync<T>(
        IDocumentStore store, Func<NpgsqlConnection, int, int, Task<List<T>>> query, IComparer<T> order, int offset, int fetch, CancellationToken cancellationToken) =>
        ReadAcrossAsync<T>(
            store,
            async (database, skip, take) =>
            {
                await using var connection = database.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                return await query(connection, skip, take);
            },
            order,
            offset,
            fetch);
}
