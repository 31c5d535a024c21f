using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// Erasure by crypto-shredding (docs/privacy.md): PHI is stored sealed with the screening's own key, and a privacy
/// officer's erasure destroys the keys, so every stored copy stops being readable while the records stay valid.
/// </summary>
public sealed class ErasureTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private HttpClient Officer => fixture.As(Roles.PrivacyOfficer, "privacy-1");

    private static object Canary(string name, string email, Guid? patientId = null) => new {
        externalReference = "MRN-" + Guid.NewGuid().ToString("N")[..10],
        referringClinician = "Dr Referrer",
        indication = "TreatmentResistantDepression",
        requestedRoute = "IvKetamine",
        patient = new { fullName = name, birthDate = "1971-03-14", email },
        patientId,
    };

    private async Task<Referred> DeclinedAsync(string name, string email)
    {
        var referral = await ReferAsync(fixture.Intake, Canary(name, email));
        await SendOkAsync(fixture.Prescriber, HttpMethod.Post, $"/screenings/{referral.Id}/decline", new { reason = $"declined: canary reason of {name}" });
        return referral;
    }

    private static Task<HttpResponseMessage> EraseAsync(HttpClient client, Guid patientId, string? legalBasis) =>
        client.PostAsJsonAsync(
            new Uri($"/privacy/patients/{patientId}/erasure", UriKind.Relative),
            legalBasis is null ? new { reason = "Patient's written request of 2026-12-01" } : (object)new { reason = "Patient's written request of 2026-12-01", legalBasis });

    /// <summary>How many rows of the service's tables hold the text anywhere (each row read as text).</summary>
    private async Task<int> RowsHoldingAsync(string text)
    {
        await using var connection = new NpgsqlConnection(fixture.Host.Postgres);
        await connection.OpenAsync();
        var rows = 0;
        foreach (var table in await TestInfrastructure.BaseTablesAsync(connection, "screening", "reporting"))
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where t::text ilike '%' || $1 || '%'", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = text });
            try
            {
                rows += (int)(long)(await count.ExecuteScalarAsync())!;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                // Another role's table in a shared schema (reporting): not this service's data.
            }
        }

        return rows;
    }

    [Fact]
    public async Task Phi_is_stored_sealed_and_read_in_clear()
    {
        var name = $"Quinn Canary {Guid.NewGuid():N}"[..24];
        var referral = await DeclinedAsync(name, "quinn.sealed@example.org");
        // An amendment keeps the original and the correction (event and amendment log): both sealed too.
        await SendOkAsync(Officer, HttpMethod.Post, $"/privacy/screenings/{referral.Id}/amendments", new { field = "patient.phone", value = "+1 555 0199 321", reason = "Patient's request" });

        Assert.Equal(0, await RowsHoldingAsync(name));
        Assert.Equal(0, await RowsHoldingAsync("quinn.sealed@example.org"));
        Assert.Equal(0, await RowsHoldingAsync("555 0199 321"));
        Assert.Equal(0, await RowsHoldingAsync($"canary reason of {name}"));
        Assert.True(await RowsHoldingAsync(Platform.Privacy.PhiSealing.Prefix) > 0);

        var detail = await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}");
        Assert.Equal(name, detail.GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());
        Assert.Equal("1971-03-14", detail.GetProperty("referral").GetProperty("patient").GetProperty("birthDate").GetString());
    }

    [Fact]
    public async Task Erasure_before_retention_is_refused_without_a_legal_basis()
    {
        var referral = await DeclinedAsync("Retained Patient", "retained@example.org");

        var problem = await ProblemAsync(await EraseAsync(Officer, referral.PatientId, legalBasis: null), HttpStatusCode.Conflict);

        Assert.Equal(RuleIds.ErasureBeforeRetention, problem.GetProperty("ruleId").GetString());
        Assert.Equal("Retained Patient", (await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}"))
            .GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task A_patient_with_an_open_screening_is_not_erased()
    {
        var referral = await ReferAsync(fixture.Intake, Canary("Open Patient", "open@example.org"));

        var problem = await ProblemAsync(await EraseAsync(Officer, referral.PatientId, "State court order 2026-77"), HttpStatusCode.Conflict);

        Assert.Equal(RuleIds.ErasureOpenScreening, problem.GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Only_a_privacy_officer_erases_and_an_unknown_patient_is_not_found()
    {
        var referral = await DeclinedAsync("Guarded Patient", "guarded@example.org");

        Assert.Equal(HttpStatusCode.Forbidden, (await EraseAsync(fixture.Prescriber, referral.PatientId, "court order")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EraseAsync(Officer, Guid.NewGuid(), "court order")).StatusCode);
        await ProblemAssert.FieldErrorAsync(
            await Officer.PostAsJsonAsync(new Uri($"/privacy/patients/{referral.PatientId}/erasure", UriKind.Relative), new { legalBasis = "court order" }), "reason");
    }

    [Fact]
    public async Task An_erased_patient_reads_as_erased_everywhere_and_other_patients_do_not()
    {
        var name = $"Erased Canary {Guid.NewGuid():N}"[..25];
        var referral = await DeclinedAsync(name, "erased.canary@example.org");
        var kept = await DeclinedAsync("Kept Patient", "kept@example.org");
        await SendOkAsync(Officer, HttpMethod.Post, $"/privacy/screenings/{referral.Id}/amendments", new { field = "patient.birthDate", value = "1971-03-15", reason = "Patient's request" });

        using var erased = await EraseAsync(Officer, referral.PatientId, "State court order 2026-77");
        await ExpectAsync(erased, HttpStatusCode.OK);
        var erasure = await erased.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(erasure.GetProperty("keysDestroyed").GetInt32() >= 1);
        Assert.Equal("privacy-1", erasure.GetProperty("erasedBy").GetString());

        var detail = await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}");
        var patient = detail.GetProperty("referral").GetProperty("patient");
        Assert.Equal(Platform.Privacy.PhiSealing.ErasedText, patient.GetProperty("fullName").GetString());
        Assert.Equal(Platform.Privacy.PhiSealing.ErasedText, patient.GetProperty("email").GetString());
        Assert.NotEqual("1971-03-14", patient.GetProperty("birthDate").GetString());
        Assert.NotEqual("1971-03-15", patient.GetProperty("birthDate").GetString());
        Assert.Equal(Platform.Privacy.PhiSealing.ErasedText, detail.GetProperty("decline").GetProperty("reason").GetString());
        Assert.Equal("Declined", detail.GetProperty("status").GetString()); // the record itself stays valid
        // The stream still folds, amendment included (its corrected date no longer reads), and the log reads as erased.
        var asOf = await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}/as-of?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}");
        Assert.Equal("Declined", asOf.GetProperty("status").GetString());
        Assert.Equal(Platform.Privacy.PhiSealing.ErasedText, asOf.GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());
        var logged = Assert.Single((await GetAsync<JsonElement>(Officer, $"/privacy/amendments?patientId={referral.PatientId}")).GetProperty("items").EnumerateArray());
        Assert.Equal(Platform.Privacy.PhiSealing.ErasedText, logged.GetProperty("value").GetString());
        Assert.Equal("Kept Patient", (await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{kept.Id}"))
            .GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());

        // A repeat answers the first erasure; the clinic's list of erasures shows it.
        using var again = await EraseAsync(Officer, referral.PatientId, "another basis");
        Assert.Equal(erasure.GetProperty("erasedAt").GetDateTimeOffset(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erasedAt").GetDateTimeOffset());
        var list = await GetAsync<JsonElement>(Officer, $"/privacy/erasures?patientId={referral.PatientId}");
        Assert.Equal("State court order 2026-77", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("legalBasis").GetString());
    }
}
