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
}
