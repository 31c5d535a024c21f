using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EndToEnd.Tests;

/// <summary>
/// Erasure really erases (docs/privacy.md): a patient with a completed course is erased, and then a full pg_dump of every
/// database of the three services and of the key table, and every message waiting in any of their queues, holds the
/// patient's name, birth date, e-mail and a canary note 0 times; another patient still reads, and the analyst tables
/// are what they were.
/// </summary>
public sealed class ErasureProofTests(Clinic clinic) : IClassFixture<Clinic>
{
    private static readonly Dictionary<int, int> Phq9AfterDose = new() { [2] = 11, [4] = 7, [6] = 4 };

    [Fact]
    public async Task An_erased_patient_with_a_completed_course_is_in_no_database_dump_and_no_queue()
    {
        var pgDump = PgDump();
        Assert.SkipWhen(pgDump is null, "Needs pg_dump (Debian's postgresql-client; deploy/local-infra.sh installs it).");
        var run = Guid.NewGuid().ToString("N")[..10];
        var (name, birthDate, email, canary) = ($"Marlow Canary {run}", "1968-11-23", $"marlow.{run}@example.org", $"canary-note-{run}");
        var ehr = clinic.Screening.ClientFor(Roles.System, "ehr");
        var referral = await ScreeningApi.ReferAsync(ehr, Referral(name, birthDate, email));
        var otherName = $"Other Patient {run}";
        var other = await ScreeningApi.ReferAsync(ehr, Referral(otherName, "1990-01-02", $"other.{run}@example.org"));

        var course = await CourseScript.ReadyToDoseAsync(clinic, referral.Id);
        for (var number = 1; number <= 6; number++)
        {
            await course.RunDosingSessionAsync(number);
            await course.AwaitDoseInIntegrationAsync(number);
            await course.HoldIntegrationSessionAsync(number, notes: $"{canary} after dose {number}");
            if (Phq9AfterDose.TryGetValue(number, out var phq9))
            {
                await course.RecordPhq9Async(phq9);
            }
        }

        await CourseScript.OkAsync(await course.Prescriber.PostAsJsonAsync(
            $"/courses/{course.CourseId}/evaluation", new { recommendation = "Discharge", rationale = $"Remission; {canary}" }));
        await Eventually.Async(async () => (await course.SchedulingCourseAsync()).Status == CourseStatus.Closed ? (object)true : null, what: "the course to close");
        await Task.WhenAll(clinic.Screening.CatchUpAsync(), clinic.Scheduling.CatchUpAsync(), clinic.Integration.CatchUpAsync());
        var analystRows = await AnalystTablesAsync();

        using var erased = await clinic.Screening.ClientFor(Roles.PrivacyOfficer, "privacy-1").PostAsJsonAsync(
            $"/privacy/patients/{referral.PatientId}/erasure", new { reason = "Written request of the patient", legalBasis = "State court order 2026-CV-0042" });
        await CourseScript.OkAsync(erased);
        await Task.WhenAll(clinic.Screening.CatchUpAsync(), clinic.Scheduling.CatchUpAsync(), clinic.Integration.CatchUpAsync());

        var dumps = new Dictionary<string, string>();
        foreach (var (label, database) in await DatabasesAsync())
        {
            dumps[label] = await DumpAsync(pgDump!, database);
            Assert.Contains(course.CourseId.ToString(), dumps[label], StringComparison.Ordinal); // a real dump of the records
        }

        var messages = await QueuedMessagesAsync();
        foreach (var phi in new[] { name, birthDate, email, canary, otherName })
        {
            Assert.All(dumps, dump => Assert.DoesNotContain(phi, dump.Value, StringComparison.OrdinalIgnoreCase));
            Assert.All(messages, message => Assert.DoesNotContain(phi, message, StringComparison.OrdinalIgnoreCase));
        }

        var kept = await ScreeningApi.GetAsync<System.Text.Json.JsonElement>(clinic.Screening.ClientFor(Roles.Intake, "intake-1"), $"/screenings/{other.Id}");
        Assert.Equal(otherName, kept.GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());
        var gone = await ScreeningApi.GetAsync<System.Text.Json.JsonElement>(clinic.Screening.ClientFor(Roles.Intake, "intake-1"), $"/screenings/{referral.Id}");
        Assert.Equal(Platform.Privacy.PhiSealing.ErasedText, gone.GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());
        var notes = await CourseScript.OkAsync(await course.Therapist.GetAsync($"/courses/{course.CourseId}/notes"));
        Assert.DoesNotContain(canary, notes.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(analystRows, await AnalystTablesAsync());
    }

    private static object Referral(string name, string birthDate, string email) => new {
        externalReference = "MRN-" + Guid.NewGuid().ToString("N")[..10],
        referringClinician = "Dr Referrer",
        indication = "TreatmentResistantDepression",
        requestedRoute = "IvKetamine",
        patient = new { fullName = name, birthDate, email },
    };

    /// <summary>Every database of the clinic, as the superuser: the three services' and the process's key table.</summary>
    private async Task<IReadOnlyList<(string Label, string ConnectionString)>> DatabasesAsync()
    {
        var (superuser, _) = await TestInfrastructure.ServersAsync();
        string AsSuperuser(string connectionString) =>
            new NpgsqlConnectionStringBuilder(superuser) { Database = new NpgsqlConnectionStringBuilder(connectionString).Database }.ConnectionString;
        return [
            ("screening", AsSuperuser(clinic.Screening.Postgres)),
            ("scheduling", AsSuperuser(clinic.Scheduling.Postgres)),
            ("integration", AsSuperuser(clinic.Integration.Postgres)),
            ("keys", await TestInfrastructure.PatientKeysDatabaseAsync()),
        ];
    }

    /// <summary>Every row of the three services' analyst tables, as text, sorted: what analysts see.</summary>
    private async Task<string> AnalystTablesAsync()
    {
        var rows = new StringBuilder();
        foreach (var (label, database) in (await DatabasesAsync()).Where(d => d.Label != "keys"))
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            foreach (var table in (await TestInfrastructure.BaseTablesAsync(connection, "reporting")).Where(t => t != "reporting.analyst_clinics"))
            {
                await using var read = new NpgsqlCommand($"select coalesce(string_agg(t::text, E'\\n' order by t::text), '') from {table} t", connection);
                rows.Append(label).Append(' ').Append(table).Append('\n').Append(await read.ExecuteScalarAsync()).Append('\n');
            }
        }

        return rows.ToString();
    }

    private static async Task<string> DumpAsync(string pgDump, string connectionString)
    {
        var db = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(pgDump, ["--no-owner", "-h", db.Host!, "-p", db.Port.ToString(CultureInfo.InvariantCulture), "-U", db.Username!, "-d", db.Database!]) {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = db.Password;
        using var dump = Process.Start(start)!;
        var output = dump.StandardOutput.ReadToEndAsync();
        var error = dump.StandardError.ReadToEndAsync();
        await dump.WaitForExitAsync();
        Assert.True(dump.ExitCode == 0, $"pg_dump of {db.Database} failed: {await error}");
        return await output;
    }

    /// <summary>The bodies of every message waiting in the services' queues (their endpoints, _error and _skipped), left in place.</summary>
    private async Task<IReadOnlyList<string>> QueuedMessagesAsync()
    {
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        await using var connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
        var bodies = new List<string>();
        var endpoints = new[] { clinic.Screening.Services, clinic.Scheduling.Services, clinic.Integration.Services }
            .SelectMany(services => services.GetRequiredService<ErrorQueues>().Endpoints);
        foreach (var queue in endpoints.SelectMany(e => new[] { e, e + ErrorQueues.Suffix, e + "_skipped" }))
        {
            // Unacknowledged gets go back to the queue when the channel closes.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                while (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
                {
                    bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
                }
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
            {
                // Never declared: nothing was ever sent there.
            }
        }

        return bodies;
    }

    private static string? PgDump() =>
        new[] { Environment.GetEnvironmentVariable("PATH") ?? string.Empty }
            .SelectMany(path => path.Split(':'))
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin")) : [])
            .Select(dir => Path.Combine(dir, "pg_dump"))
            .FirstOrDefault(File.Exists);
}
