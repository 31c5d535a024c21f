using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Marten;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// The access audit trail (HIPAA 164.312(b)): every authenticated API request, reads included, leaves one row saying
/// who (token subject and role), when, which operation (method and route template, never the path with its values),
/// which records (the ids in the route and the ids the answer showed), whether it was a break-glass read, the answer's
/// status and the trace id. No body, no query text: those may hold PHI. The table refuses UPDATE, DELETE and TRUNCATE
/// with a trigger, so a service bug cannot rewrite history.
/// </summary>
public sealed partial class AccessAudit(IDocumentStore store, ClinicDatabases databases, TimeProvider time, ILogger<AccessAudit> logger) : IDisposable
{
    public const string Table = "access_audit";

    private static readonly Meter Meter = new("Platform");
    private static readonly Counter<long> WriteFailures = Meter.CreateCounter<long>(
        "platform.audit.write_failures", description: "Access audit rows that could not be written");

    private string Schema => store.Options.DatabaseSchemaName;

    /// <summary>
    /// Adds the ids of records a request showed beyond those in its route (the items of a list, the patient of a
    /// course), so "who saw this patient" finds list reads too; <see cref="AuditedRecordsFilter"/> calls it for every
    /// answer.
    /// </summary>
    public static void Saw(HttpContext http, IEnumerable<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ids);
        if (http.Items[SeenKey] is not HashSet<Guid> seen)
        {
            http.Items[SeenKey] = seen = [];
        }

        seen.UnionWith(ids.Where(id => id != Guid.Empty));
    }

    /// <summary>Which route values and answer properties name a record: a Guid called "Id" or "...Id".</summary>
    public static bool NamesRecord(string name) => name.EndsWith("Id", StringComparison.Ordinal);

    /// <summary>Marks the request as a break-glass access: allowed outside the caller's usual reach, for a reason they gave.</summary>
    public static void MarkBreakGlass(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[BreakGlassKey] = true;
    }

    /// <summary>
    /// Writes the request's row and returns once it is committed; throws when it cannot (the middleware decides what
    /// that costs: a read is refused with 503, a command that already committed is counted and logged). Rows of
    /// concurrent requests are committed together (<see cref="WriteLoopAsync"/>): the benchmark's PostgreSQL profile
    /// showed the requests waiting on WAL flushes (IO:WALSync, LWLock:WALWrite), one per audit row.
    /// </summary>
    public async Task RecordAsync(HttpContext http, string route, int status)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = Clinician.From(http.User);
        var records = http.Request.RouteValues
            .Where(v => NamesRecord(v.Key) && Guid.TryParse(v.Value?.ToString(), out _))
            .Select(v => Guid.Parse(v.Value!.ToString()!))
            .Union(http.Items[SeenKey] as HashSet<Guid> ?? [])
            .ToArray();
        var row = new Row(
            Guid.CreateVersion7(), time.GetUtcNow(), ClinicScope.Of(http), caller.Subject, caller.Role, http.Request.Method, route, records, status,
            Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier, http.Items.ContainsKey(BreakGlassKey));
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.Writer.TryWrite((row, written)))
        {
            throw new InvalidOperationException("The access audit is shutting down.");
        }

        if (writer is null)
        {
            lock (pending)
            {
                writer ??= Task.Run(WriteLoopAsync);
            }
        }

        await written.Task;
    }

    private const int MaxBatch = 200;

    private readonly Channel<(Row Row, TaskCompletionSource Written)> pending =
        Channel.CreateUnbounded<(Row, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private Task? writer;

    private sealed record Row(
        Guid Id, DateTimeOffset At, string? Clinic, string Subject, string Role, string Method, string Route, Guid[] Records, int Status,
        string TraceId, bool BreakGlass);

    /// <summary>
    /// Group commit: whatever rows are waiting go in one transaction (one WAL flush), and each request is released
    /// when its row is durable. A row the database refuses (a constraint) is retried alone so it fails alone; an
    /// unreachable database fails the batch at once.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<(Row Row, TaskCompletionSource Written)>(MaxBatch);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            // A row lives in the database of its clinic (ClinicDatabases), so the access of a clinic moved to another
            // server is accounted for with that clinic's records.
            foreach (var group in batch.GroupBy(b => databases.NameOf(b.Row.Clinic)))
            {
                await WriteAsync(group.Key, [.. group]);
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(string database, List<(Row Row, TaskCompletionSource Written)> batch)
    {
        try
        {
            await InsertAsync(database, batch.Select(b => b.Row));
            batch.ForEach(b => b.Written.TrySetResult());
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            foreach (var (row, written) in batch)
            {
                try
                {
                    await InsertAsync(database, [row]);
                    written.TrySetResult();
                }
                catch (Exception error)
                {
                    written.TrySetException(error);
                }
            }
        }
        catch (Exception error)
        {
            batch.ForEach(b => b.Written.TrySetException(error));
        }
    }

    private async Task InsertAsync(string database, IEnumerable<Row> rows)
    {
        await using var connection = (await store.Storage.FindOrCreateDatabase(database)).CreateConnection();
        await connection.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(
                $"insert into {Schema}.{Table} (id, at, clinic, subject, role, method, route, record_ids, status, trace_id, break_glass) " +
                "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
            command.Parameters.Add(new NpgsqlParameter { Value = row.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = row.At });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)row.Clinic ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Subject });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Role });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Method });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Route });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = row.Records });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Status });
            command.Parameters.Add(new NpgsqlParameter { Value = row.TraceId });
            command.Parameters.Add(new NpgsqlParameter { Value = row.BreakGlass });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Counts and logs (without PHI) a row that could not be written, so an alert on <c>platform.audit.write_failures</c> catches it.</summary>
    public void Failed(HttpContext http, string route, Exception error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        WriteFailures.Add(1);
        LogWriteFailed(logger, http.Request.Method, route, error.GetType().Name);
    }

    /// <summary>The failures of <see cref="RecordAsync"/> that mean "the audit store is unreachable", not a bug.</summary>
    public static bool IsUnavailable(Exception error) =>
        error is NpgsqlException or InvalidOperationException or TimeoutException;

    private static readonly object SeenKey = new();
    private static readonly object BreakGlassKey = new();

    /// <summary>The rows matching the filters, of the clinics the caller's token grants, newest first.</summary>
    public Task<List<AccessRecord>> FindAsync(AccessQuery query, int offset, int fetch, CancellationToken cancellationToken) =>
        ClinicDatabases.ReadAcrossAsync(store, (connection, skip, take) => FindAsync(connection, query, skip, take, cancellationToken), NewestFirst, offset, fetch, cancellationToken);

    /// <summary>The SQL's order (at desc, id desc); Guid.CompareTo orders uuids as PostgreSQL does.</summary>
    private static readonly Comparer<AccessRecord> NewestFirst = Comparer<AccessRecord>.Create((a, b) =>
        b.At.CompareTo(a.At) is var at and not 0 ? at : b.Id.CompareTo(a.Id));

    private async Task<List<AccessRecord>> FindAsync(NpgsqlConnection connection, AccessQuery query, int offset, int fetch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select id, at, clinic, subject, role, method, route, record_ids, status, trace_id, break_glass from {Schema}.{Table} " +
            "where (@record::uuid is null or @record = any(record_ids)) and (@subject::text is null or subject = @subject) " +
            "and (@breakGlass::boolean is null or break_glass = @breakGlass) " +
            $"and (not @disclosures or ((role = '{Auth.Roles.System}' or route like '/fhir/%') and method in ('GET', 'HEAD') and status between 200 and 299)) " +
            "and (@clinics::text[] is null or clinic = any(@clinics)) " +
            "and (@from::timestamptz is null or at >= @from) and (@to::timestamptz is null or at < @to) " +
            "order by at desc, id desc offset @offset limit @fetch",
            connection);
        command.Parameters.Add(new NpgsqlParameter("record", NpgsqlDbType.Uuid) { Value = (object?)query.RecordId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Text) { Value = (object?)query.Subject ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("breakGlass", NpgsqlDbType.Boolean) { Value = (object?)query.BreakGlass ?? DBNull.Value });
        command.Parameters.AddWithValue("disclosures", query.DisclosuresOnly);
        command.Parameters.Add(ClinicScope.GrantedParameter());
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)query.From?.UtcDateTime ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)query.To?.UtcDateTime ?? DBNull.Value });
        command.Parameters.AddWithValue("offset", offset);
        command.Parameters.AddWithValue("fetch", fetch);
        var rows = new List<AccessRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AccessRecord(
                reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<Guid[]>(7), reader.GetInt32(8), reader.GetString(9), reader.GetBoolean(10)));
        }

        return rows;
    }

    /// <summary>
    /// The table, its indexes and its append-only triggers, as a schema migration step (at start-up or by
    /// <c>migrate</c>), so no request ever waits on DDL.
    /// </summary>
    internal static readonly ISchemaStep TableStep = new SqlSchemaStep(TableSql);

    private static string TableSql(string schema) =>
        $"""
        create schema if not exists {schema};
        create table if not exists {schema}.{Table} (
            id uuid primary key, at timestamptz not null, subject text not null, role text not null,
            method text not null, route text not null, record_ids uuid[] not null, status int not null, trace_id text not null);
        alter table {schema}.{Table} add column if not exists clinic text null;
        alter table {schema}.{Table} add column if not exists break_glass boolean not null default false;
        create index if not exists {Table}_records on {schema}.{Table} using gin (record_ids);
        create index if not exists {Table}_at on {schema}.{Table} (at);
        create or replace function {schema}.{Table}_append_only() returns trigger language plpgsql as
            $$ begin raise exception 'the access audit is append-only'; end $$;
        create or replace trigger {Table}_no_update before update or delete on {schema}.{Table}
            for each row execute function {schema}.{Table}_append_only();
        create or replace trigger {Table}_no_truncate before truncate on {schema}.{Table}
            for each statement execute function {schema}.{Table}_append_only();
        """;

    public void Dispose()
    {
        pending.Writer.TryComplete();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Access audit row not written for {Method} {Route} ({Error})")]
    private static partial void LogWriteFailed(ILogger logger, string method, string route, string error);
}

/// <summary>One access: who, when, which operation on which records, with what answer.</summary>
/// <param name="Clinic">The clinic the request acted in; null for chain-level requests (operations, audit, chain analysts).</param>
/// <param name="RecordIds">The ids in the route and those the answer showed (every item of a list read).</param>
/// <param name="BreakGlass">The caller read outside their usual reach, giving a reason (e.g. a therapist covering a course).</param>
public sealed record AccessRecord(
    Guid Id, DateTimeOffset At, string? Clinic, string Subject, string Role, string Method, string Route, IReadOnlyList<Guid> RecordIds, int Status,
    string TraceId, bool BreakGlass);

/// <summary>The privacy officer's filters: a record (screening, patient, course, session...), a user, a time window, break-glass reads.</summary>
/// <param name="DisclosuresOnly">
/// Only what left the clinic's own staff: answered reads (2xx) by another system (role <c>system</c>) or a FHIR client
/// (a <c>/fhir</c> route, which exports such as the gateway's Patient/$everything are made of).
/// </param>
public sealed record AccessQuery(
    Guid? RecordId, string? Subject, DateTimeOffset? From, DateTimeOffset? To, bool? BreakGlass = null, bool DisclosuresOnly = false);
