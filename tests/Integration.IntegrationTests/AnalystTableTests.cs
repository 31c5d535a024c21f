using Npgsql;
using Platform.ServiceDefaults.Analytics;
using static Integration.IntegrationTests.IntegrationApp;

namespace Integration.IntegrationTests;

/// <summary>The analyst tables, filled by the async daemon from real courses, answer the clinic's question with one query.</summary>
public sealed class AnalystTableTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    // Course days are clinic-calendar days: facts at real "now" plus a few hours crossed the clinic's midnight when
    // the suite ran between 02:00 and 05:00 UTC (a day 14 became day 15).
    private static readonly DateTimeOffset Now = ClinicDays.LateMorningYesterday;

    private async Task<Guid> CourseAsync(Indication indication, TreatmentRoute route, int firstDoseDaysAgo, params (int Day, int Phq9)[] scores)
    {
        var first = Now.AddDays(-firstDoseDaysAgo);
        var courseId = await service.OpenCourseAsync(first.AddDays(-7), 20, indication, route);
        await service.DoseAsync(courseId, 1, first, route);
        foreach (var (day, phq9) in scores)
        {
            await (await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", Phq9(phq9, first.AddDays(day).AddHours(3))))
                .JsonAsync(HttpStatusCode.OK);
        }

        return courseId;
    }

    [Fact]
    public async Task The_share_of_TRD_courses_on_IV_ketamine_that_responded_by_week_4()
    {
        // Counted: responded on day 14; measured in week 4 without a response; responded only on day 30 (after week 4).
        var responder = await CourseAsync(Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine, 40, (14, 8), (27, 9));
        await CourseAsync(Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine, 40, (27, 15));
        await CourseAsync(Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine, 40, (22, 16), (30, 9));

        // Not counted: not yet at week 4; another route; another indication.
        var early = await CourseAsync(Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine, 5, (3, 18));
        await CourseAsync(Indication.TreatmentResistantDepression, TreatmentRoute.ImKetamine, 40, (10, 5));
        await CourseAsync(Indication.Ptsd, TreatmentRoute.IvKetamine, 40, (10, 5));

        await service.Host.CatchUpAsync();

        await using var connection = new NpgsqlConnection(service.Host.Postgres);
        await connection.OpenAsync();
        await using (var query = new NpgsqlCommand(AnalystQueries.TrdIvRespondedByWeek4, connection))
        await using (var reader = await query.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(1L, reader.GetInt64(0));
            Assert.Equal(3L, reader.GetInt64(1));
            Assert.Equal(33.3m, reader.GetDecimal(2));
        }

        Assert.Null(await ScalarAsync(connection, "select responded_by_week4 from reporting.integration_course_response where course_key = @id", early));
        Assert.Equal(14, await ScalarAsync(connection, "select days_to_response from reporting.integration_course_response where course_key = @id", responder));
        Assert.Equal(2L, await ScalarAsync(connection, "select count(*) from reporting.integration_scores_by_course_week where course_key = @id", responder));
        Assert.Equal(1, await ScalarAsync(connection, "select doses_before_response from reporting.integration_time_to_response where course_key = @id", responder));
    }

    [Fact]
    public async Task Adverse_events_are_counted_by_type_and_severity_without_identifiers_or_free_text()
    {
        var courseId = await CourseAsync(Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine, 3);
        foreach (var severity in new[] { "Mild", "Mild", "Moderate" })
        {
            await (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", new {
                type = "NauseaVomiting",
                severity,
                occurredAt = Now.AddDays(-3).AddHours(1),
                onsetMinutesAfterDose = 60,
                description = "Vomited twice in recovery",
                actionTaken = "Ondansetron",
                outcome = "Resolved",
            })).JsonAsync(HttpStatusCode.OK);
        }

        await service.Host.CatchUpAsync();
        await using var connection = new NpgsqlConnection(service.Host.Postgres);
        await connection.OpenAsync();
        Assert.Equal(2L, await ScalarAsync(connection,
            "select count(*) from reporting.integration_adverse_events where course_key = @id and event_type = 'NauseaVomiting' and severity = 'Mild'", courseId));

        // De-identified by construction: no column can hold a patient id, a date or clinician text.
        await using var columns = new NpgsqlCommand(
            "select string_agg(column_name || ':' || data_type, ',') from information_schema.columns where table_schema = 'reporting' and table_name like 'integration_%'",
            connection);
        var all = (string)(await columns.ExecuteScalarAsync())!;
        Assert.DoesNotContain("patient", all, StringComparison.Ordinal);
        Assert.DoesNotContain("_id:", all, StringComparison.Ordinal);

        // No value anywhere in the analyst tables is an operational id.
        await using var leaks = new NpgsqlCommand(
            "select count(*) from reporting.integration_adverse_events where course_key = @id or adverse_event_key = @id", connection);
        leaks.Parameters.AddWithValue("id", courseId);
        Assert.Equal(0L, await leaks.ExecuteScalarAsync());
        Assert.DoesNotContain("timestamp", all, StringComparison.Ordinal);
        Assert.DoesNotContain("date", all, StringComparison.Ordinal);
        Assert.DoesNotContain("description", all, StringComparison.Ordinal);
    }

    /// <summary>Analysts find a course only by its pseudonym: the test computes it with the service's key, as they cannot.</summary>
    private async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, Guid courseId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", service.Host.Services.GetRequiredService<AnalystPseudonyms>().Course(courseId));
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
