using Integration.Api;
using JasperFx;
using Scheduling.Api;
using Screening.Api;

namespace EndToEnd.Tests;

/// <summary>
/// Outside Development a service never changes its own schema: the operator runs <c>&lt;service&gt; migrate</c>
/// (after reading <c>migrate --dry-run</c>), and a service started on a schema that does not match its release refuses
/// to start, naming the command.
/// </summary>
public sealed class ExplicitMigrationTests(ExplicitMigrationTests.MigratedClinic clinic) : IClassFixture<ExplicitMigrationTests.MigratedClinic>
{
    private static readonly Dictionary<string, string> Explicit = new() { ["Database:Migrations"] = nameof(Platform.ServiceDefaults.Marten.MigrationMode.Explicit) };

    /// <summary>The three services on databases only the migrate command set up, with Marten's AutoCreate off.</summary>
    public sealed class MigratedClinic() : Clinic(Explicit, MigrateCommand.ApplyAsync);

    [Fact]
    public async Task A_course_runs_through_the_three_services_on_schemas_only_the_migrate_command_created()
    {
        Assert.All(
            [clinic.Screening.Store, clinic.Scheduling.Store, clinic.Integration.Store],
            store => Assert.Equal(AutoCreate.None, ((Marten.StoreOptions)store.Options).AutoCreateSchemaObjects));

        var course = await CourseScript.ReadyToDoseAsync(clinic);
        await course.RunDosingSessionAsync(1);
        await course.AwaitDoseInIntegrationAsync(1);
        await course.HoldIntegrationSessionAsync(1);
        await course.RecordPhq9Async(11);

        var integration = await course.IntegrationCourseAsync();
        Assert.Equal(1, integration.GetProperty("integrationSessions").GetArrayLength());
    }

    [Fact]
    public Task Screening_prints_its_migration_without_applying_it_and_refuses_to_start_until_it_is_applied() =>
        RefusedUntilMigratedAsync<ScreeningServiceMarker>("Screening", "screening");

    [Fact]
    public Task Scheduling_prints_its_migration_without_applying_it_and_refuses_to_start_until_it_is_applied() =>
        RefusedUntilMigratedAsync<SchedulingServiceMarker>("Scheduling", "scheduling");

    [Fact]
    public Task Integration_prints_its_migration_without_applying_it_and_refuses_to_start_until_it_is_applied() =>
        RefusedUntilMigratedAsync<IntegrationServiceMarker>("Integration", "integration");

    private static async Task RefusedUntilMigratedAsync<TService>(string service, string schema)
        where TService : class
    {
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => ServiceHost.StartAsync<TService>(
            ServiceHost.NewEntityPrefix(),
            settings: Explicit,
            prepareDatabase: async database =>
            {
                var (code, output) = await MigrateCommand.RunAsync(service, database, dryRun: true);
                Assert.True(code == 0, output);
                Assert.Contains($"CREATE TABLE IF NOT EXISTS {schema}.mt_events", output, StringComparison.OrdinalIgnoreCase);
                Assert.Contains($"create table if not exists {schema}.access_audit", output, StringComparison.Ordinal);
                Assert.Contains($"dry run: nothing was changed in schema {schema}", output, StringComparison.Ordinal);
                Assert.Equal(true, await EarlierRelease.ScalarAsync(database, $"select to_regclass('{schema}.mt_events') is null"));
            }));

        var message = string.Join(" | ", Flatten(refusal).Select(e => e.Message));
        Assert.Contains($"The database schema {schema} does not match this release", message, StringComparison.Ordinal);
        Assert.Contains("'migrate'", message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException all)
            {
                foreach (var inner in all.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
