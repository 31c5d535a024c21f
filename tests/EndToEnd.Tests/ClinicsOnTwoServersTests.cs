using Marten;
using Marten.Events;
using Npgsql;
using Platform.ServiceDefaults.Identity;

namespace EndToEnd.Tests;

/// <summary>
/// A chain whose clinics live on two PostgreSQL servers (Database:Groups): the development clinic on the second, "north"
/// on the primary. A course runs to its first dose entirely on the second server, nothing of it reaches the primary,
/// another clinic cannot read it across the servers, and the chain-level reads (the access audit, the analyst table)
/// see both servers. The safety loop on the second server: <see cref="SafetyLoopOnTwoServersTests"/>.
/// </summary>
public sealed class ClinicsOnTwoServersTests(ClinicsOnTwoServers clinic) : IClassFixture<ClinicsOnTwoServers>
{
    private const string Other = "north";

    [Fact]
    public async Task A_clinics_course_lives_on_its_own_server_only_and_the_chain_reads_both()
    {
        var script = await CourseScript.ReadyToDoseAsync(clinic);
        await script.RunDosingSessionAsync(1);
        // Scheduling's relay on the second server publishes the dose; Integration applies it there.
        await script.AwaitDoseInIntegrationAsync(1);
        await script.RecordPhq9Async(12);
        await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr", [Other]));

        var services = new (string Name, IDocumentStore Store, string Primary)[]
        {
            ("Screening", clinic.Screening.Store, clinic.Screening.Postgres),
            ("Scheduling", clinic.Scheduling.Store, clinic.Scheduling.Postgres),
            ("Integration", clinic.Integration.Store, clinic.Integration.Postgres),
        };
        foreach (var (name, store, primary) in services)
        {
            var schema = store.Options.Events.DatabaseSchemaName;
            var second = await ClinicsAsync(clinic.SecondDatabases[name], $"select distinct tenant_id from {schema}.mt_events");
            var first = await ClinicsAsync(primary, $"select distinct tenant_id from {schema}.mt_events");
            Assert.True(second.SequenceEqual([ClinicScope.Development]), $"{name}'s second server holds the events of {string.Join(", ", second)}");
            Assert.DoesNotContain(ClinicScope.Development, first);
            // Every read and change of the clinic is audited with its records, on its server.
            Assert.Contains(ClinicScope.Development, await ClinicsAsync(clinic.SecondDatabases[name], $"select distinct clinic from {schema}.access_audit"));
            Assert.DoesNotContain(ClinicScope.Development, await ClinicsAsync(primary, $"select distinct clinic from {schema}.access_audit"));
        }

        Assert.Contains(Other, await ClinicsAsync(clinic.Screening.Postgres, "select distinct tenant_id from screening.mt_events"));

        // Every projection of every database catches up without an error (the analyst tables once failed on every
        // clinic of a multi-database store), and the clinic's analyst rows are on its server.
        foreach (var provider in new[] { clinic.Screening.Services, clinic.Scheduling.Services, clinic.Integration.Services })
        {
            Assert.Empty(await provider.ForceAllMartenDaemonActivityToCatchUpAsync(CancellationToken.None));
        }

        var analystTable = Integration.Api.Queries.AnalystTables.CourseResponse.QualifiedName;
        Assert.Equal([ClinicScope.Development], await ClinicsAsync(clinic.SecondDatabases["Integration"], $"select distinct clinic from {analystTable}"));

        // Another clinic's token finds nothing of the course, on either server.
        var across = await clinic.Scheduling.ClientFor(Roles.Scheduler, "scheduler-north", [Other]).GetAsync(new Uri($"/courses/{script.CourseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, across.StatusCode);

        // The chain-level reads merge both servers.
        var audit = await CourseScript.OkAsync(await clinic.Screening.ClientFor(Roles.PrivacyOfficer, "privacy-1", [ClinicScope.AllClinics])
            .GetAsync(new Uri("/audit/access?limit=200", UriKind.Relative)));
        var audited = audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("clinic").GetString()).ToHashSet();
        Assert.Contains(ClinicScope.Development, audited);
        Assert.Contains(Other, audited);
        var times = audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        await clinic.Screening.CatchUpAsync();
        var decisions = await CourseScript.OkAsync(await clinic.Screening.ClientFor(Roles.Analyst, "analyst", [ClinicScope.AllClinics])
            .GetAsync(new Uri("/reporting/screening-decisions?limit=200", UriKind.Relative)));
        Assert.Equal(
            [ClinicScope.Development, Other],
            decisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("clinic").GetString()!).Distinct().Order());
    }

    [Fact]
    public async Task A_chain_level_page_is_the_same_rows_as_one_table_would_give()
    {
        for (var i = 0; i < 3; i++)
        {
            await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr"));
            await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr", [Other]));
        }

        await clinic.Screening.CatchUpAsync();
        var analyst = clinic.Screening.ClientFor(Roles.Analyst, "analyst", [ClinicScope.AllClinics]);
        var all = await KeysAsync(analyst, "/reporting/screening-decisions?limit=200");
        var paged = new List<Guid>();
        for (var path = "/reporting/screening-decisions?limit=2"; path is not null;)
        {
            var page = await CourseScript.OkAsync(await analyst.GetAsync(new Uri(path, UriKind.Relative)));
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("screeningKey").GetGuid()));
            path = page.GetProperty("next").GetString() is { } cursor ? $"/reporting/screening-decisions?limit=2&cursor={Uri.EscapeDataString(cursor)}" : null;
        }

        Assert.True(all.Count >= 6, $"only {all.Count} decisions");
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task A_person_is_never_shared_by_clinics_on_different_servers_where_the_double_booking_ledger_cannot_see_both()
    {
        object Therapist(Guid? staffId) => new {
            displayName = "Shared Therapist",
            role = "Therapist",
            credentials = new[] { new { kind = "License", identifier = "LIC-1", expiresOn = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd") } },
            staffId,
        };
        var created = await CourseScript.OkAsync(await clinic.Scheduling.ClientFor(Roles.Scheduler, "scheduler-1")
            .PostAsJsonAsync("/staff", Therapist(null), ScreeningApi.Json));
        var therapist = created.GetProperty("id").GetGuid();

        var shared = await clinic.Scheduling.ClientFor(Roles.Scheduler, "scheduler-north", [Other]).PostAsJsonAsync("/staff", Therapist(therapist), ScreeningApi.Json);

        Assert.Equal(HttpStatusCode.Conflict, shared.StatusCode);
        Assert.Equal(Platform.Contracts.SchedulingRuleIds.StaffInOtherDatabase, await CourseScript.RuleIdAsync(shared));
        var read = await clinic.Scheduling.ClientFor(Roles.Scheduler, "scheduler-north", [Other]).GetAsync(new Uri($"/staff/{therapist}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    private static async Task<List<Guid>> KeysAsync(HttpClient client, string path) =>
        [.. (await CourseScript.OkAsync(await client.GetAsync(new Uri(path, UriKind.Relative))))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("screeningKey").GetGuid())];

    private static async Task<List<string>> ClinicsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var clinics = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            clinics.Add(reader.IsDBNull(0) ? "(none)" : reader.GetString(0));
        }

        return clinics;
    }
}
