using Npgsql;
using static Integration.IntegrationTests.IntegrationApp;

namespace Integration.IntegrationTests;

/// <summary>
/// Every access to a patient's record leaves an append-only audit row (who, when, which operation and records, with
/// what answer, never the content), and a privacy officer answers "who opened this course" with one call.
/// </summary>
public sealed class AccessAuditTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_privacy_officer_finds_who_opened_a_course_and_the_rows_hold_no_clinical_text()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        var intentions = await PostAsync(service.Therapist, $"/courses/{courseId}/intentions",
            new { intentions = "Audit canary: forgive my father", forDosingNumber = 1, setAt = Now.AddDays(-11) });
        await intentions.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await service.Therapist.GetAsync(new Uri($"/courses/{courseId}/notes", UriKind.Relative))).StatusCode);
        using var analyst = service.Host.ClientFor(Roles.Analyst, "analyst-7");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(new Uri($"/courses/{courseId}/notes", UriKind.Relative))).StatusCode);

        using var officer = service.Host.ClientFor(Roles.PrivacyOfficer, "privacy-1");
        var page = await officer.GetJsonAsync<JsonElement>($"/audit/access?recordId={courseId}&from={Uri.EscapeDataString(Now.AddHours(-1).ToString("O"))}");
        var rows = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("subject").GetString() == "therapist-1" && r.GetProperty("role").GetString() == Roles.Therapist
            && r.GetProperty("method").GetString() == "GET" && r.GetProperty("route").GetString() == "/courses/{courseId:guid}/notes"
            && r.GetProperty("status").GetInt32() == 200);
        Assert.Contains(rows, r => r.GetProperty("route").GetString() == "/courses/{courseId:guid}/intentions" && r.GetProperty("method").GetString() == "POST");
        Assert.Contains(rows, r => r.GetProperty("subject").GetString() == "analyst-7" && r.GetProperty("status").GetInt32() == 403);
        Assert.All(rows, r => Assert.Contains(courseId, r.GetProperty("recordIds").EnumerateArray().Select(id => id.GetGuid())));
        Assert.DoesNotContain("canary", page.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var bySubject = await officer.GetJsonAsync<JsonElement>("/audit/access?subject=analyst-7");
        Assert.All(bySubject.GetProperty("items").EnumerateArray(), r => Assert.Equal("analyst-7", r.GetProperty("subject").GetString()));

        foreach (var role in Roles.All.Where(r => r != Roles.PrivacyOfficer))
        {
            using var other = service.Host.ClientFor(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri("/audit/access", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task A_clinics_privacy_officer_sees_only_that_clinics_rows_and_a_chain_officer_sees_every_clinic()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        Assert.Equal(HttpStatusCode.OK, (await service.Therapist.GetAsync(new Uri($"/courses/{courseId}", UriKind.Relative))).StatusCode);

        async Task<List<string?>> ClinicsOfRowsAsync(IReadOnlyList<string> clinics)
        {
            using var officer = service.Host.ClientFor(Roles.PrivacyOfficer, "privacy-2", clinics);
            var page = await officer.GetJsonAsync<JsonElement>($"/audit/access?recordId={courseId}");
            return page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("clinic").GetString()).ToList();
        }

        var chain = await Eventually.Async(async () => await ClinicsOfRowsAsync([ClinicScope.AllClinics]) is { Count: > 0 } rows ? rows : null, what: "the audit row");
        Assert.All(chain, clinic => Assert.Equal(ClinicScope.Development, clinic));
        Assert.Equal(chain.Count, (await ClinicsOfRowsAsync([ClinicScope.Development])).Count);
        Assert.Empty(await ClinicsOfRowsAsync(["north"]));
    }

    [Fact]
    public async Task The_audit_rows_cannot_be_changed_or_deleted()
    {
        using var officer = service.Host.ClientFor(Roles.PrivacyOfficer, "privacy-1");
        Assert.Equal(HttpStatusCode.NotFound, (await service.Prescriber.GetAsync(new Uri($"/courses/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
        await Eventually.Async(async () =>
        {
            var page = await officer.GetJsonAsync<JsonElement>("/audit/access?subject=prescriber-1&limit=1");
            return page.GetProperty("items").GetArrayLength() > 0 ? "written" : null;
        }, what: "an audit row");

        await using var connection = new NpgsqlConnection(service.Host.Postgres);
        await connection.OpenAsync();
        foreach (var sql in new[] { "update integration.access_audit set subject = 'someone-else'", "delete from integration.access_audit", "truncate integration.access_audit" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_list_read_is_audited_with_the_ids_of_every_record_it_showed_and_a_break_glass_read_is_marked()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        var recorded = await (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", new {
            type = "NauseaVomiting",
            severity = "Mild",
            occurredAt = Now.AddDays(-3),
            description = "Nausea in recovery",
            actionTaken = "Observed",
            outcome = "Resolved",
        })).JsonAsync(HttpStatusCode.OK);
        var adverseEventId = recorded.GetProperty("id").GetGuid();
        using var reader = service.Host.ClientFor(Roles.Medical, "list-reader");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri($"/adverse-events?courseId={courseId}", UriKind.Relative))).StatusCode);

        var intentions = await PostAsync(service.Therapist, $"/courses/{courseId}/intentions",
            new { intentions = "Feel less alone", forDosingNumber = 1, setAt = Now.AddDays(-11) });
        await intentions.JsonAsync(HttpStatusCode.OK);
        using var cover = service.Host.ClientFor(Roles.Therapist, "cover-therapist");
        Assert.Equal(HttpStatusCode.OK, (await cover.GetAsync(new Uri(
            $"/courses/{courseId}/notes?breakGlassReason=" + Uri.EscapeDataString("Covering for therapist-1 this week"), UriKind.Relative))).StatusCode);

        using var officer = service.Host.ClientFor(Roles.PrivacyOfficer, "privacy-3");
        var byCourse = await officer.GetJsonAsync<JsonElement>($"/audit/access?recordId={courseId}&subject=list-reader");
        var listRead = Assert.Single(byCourse.GetProperty("items").EnumerateArray());
        Assert.Equal("/adverse-events", listRead.GetProperty("route").GetString());
        Assert.Contains(adverseEventId, listRead.GetProperty("recordIds").EnumerateArray().Select(id => id.GetGuid()));
        Assert.False(listRead.GetProperty("breakGlass").GetBoolean());

        var breakGlass = await officer.GetJsonAsync<JsonElement>("/audit/access?breakGlass=true&subject=cover-therapist");
        var marked = Assert.Single(breakGlass.GetProperty("items").EnumerateArray());
        Assert.True(marked.GetProperty("breakGlass").GetBoolean());
        Assert.Contains(courseId, marked.GetProperty("recordIds").EnumerateArray().Select(id => id.GetGuid()));
        var ordinary = await officer.GetJsonAsync<JsonElement>("/audit/access?breakGlass=true&subject=therapist-1");
        Assert.Equal(0, ordinary.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_read_whose_audit_row_cannot_be_written_is_refused_with_503_and_shows_nothing()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        // The audit store refuses this one caller's rows, as it would refuse every row when it is unreachable.
        await ExecuteAsync(
            "alter table integration.access_audit drop constraint if exists refuse_unaudited_reader; " +
            "alter table integration.access_audit add constraint refuse_unaudited_reader check (subject <> 'unaudited-reader')");
        try
        {
            using var reader = service.Host.ClientFor(Roles.Prescriber, "unaudited-reader");
            using var response = await reader.GetAsync(new Uri($"/courses/{courseId}", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(courseId.ToString(), body, StringComparison.Ordinal);
            Assert.Contains("PLT-AUDIT-UNAVAILABLE", body, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync("alter table integration.access_audit drop constraint refuse_unaudited_reader");
        }
    }

    [Fact]
    public async Task With_the_database_pool_exhausted_reads_get_503_and_every_read_served_has_its_audit_row()
    {
        await using var host = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            ServiceHost.NewEntityPrefix(), postgresOptions: "Maximum Pool Size=4;Timeout=1");
        using var reader = host.ClientFor(Roles.Prescriber, "pool-reader");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri("/adverse-events", UriKind.Relative))).StatusCode);

        // Every connection of the service's pool the test can take, held (its daemon keeps some): reads queue for the
        // rest, and neither a read nor its audit row may wait past the pool's timeout.
        var held = new List<NpgsqlConnection>();
        var answers = new List<HttpResponseMessage>();
        try
        {
            while (true)
            {
                var connection = host.Store.Storage.Database.CreateConnection();
                try
                {
                    await connection.OpenAsync();
                    held.Add(connection);
                }
                catch (NpgsqlException)
                {
                    await connection.DisposeAsync();
                    break;
                }
            }

            var starved = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => reader.GetAsync(new Uri("/adverse-events", UriKind.Relative))));
            Assert.Contains(starved, r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
            answers.AddRange(starved);
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        // Freed, a burst larger than the pool.
        answers.AddRange(await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => reader.GetAsync(new Uri("/adverse-events", UriKind.Relative)))));
        Assert.All(answers, r =>
        {
            Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)r.StatusCode}");
            Assert.True(r.StatusCode == HttpStatusCode.OK || r.Headers.RetryAfter is not null, "a 503 without Retry-After");
        });
        await using var audit = new NpgsqlConnection(host.Postgres);
        await audit.OpenAsync();
        await using var count = new NpgsqlCommand(
            "select count(*) from integration.access_audit where subject = 'pool-reader' and status = 200", audit);
        Assert.Equal(1 + answers.Count(r => r.StatusCode == HttpStatusCode.OK), (long)(await count.ExecuteScalarAsync())!);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(service.Host.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
