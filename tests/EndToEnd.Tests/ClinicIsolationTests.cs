using System.Text.Json;
using Platform.ServiceDefaults.Identity;

namespace EndToEnd.Tests;

/// <summary>
/// Clinic isolation, generated from the OpenAPI documents. One clinic's course is driven through the three services;
/// then every operation of every service is called by every role it admits, as another clinic of the chain, with the
/// first clinic's record ids in its route and the documented example as its body. No answer may carry the first
/// clinic's records, and every one of them reads the same afterwards as before. A new operation is covered by
/// being in a document.
/// </summary>
public sealed class ClinicIsolationTests(Clinic clinic) : IClassFixture<Clinic>
{
    private const string Other = "north";

    // Chain-level by design (AcrossClinics): operations and audit carry no clinical data; the analyst table has its own test.
    private static readonly string[] ChainLevelTags = ["Operations", "Audit", "Reporting"];

    [Fact]
    public async Task No_operation_called_from_another_clinic_reads_or_changes_a_clinics_records()
    {
        var script = await CourseScript.ReadyToDoseAsync(clinic);
        await script.RunDosingSessionAsync(1);
        await script.AwaitDoseInIntegrationAsync(1);
        await script.HoldIntegrationSessionAsync(1);
        await script.RecordPhq9Async(12);
        var screening = await CourseScript.OkAsync(await clinic.Screening.ClientFor(Roles.Prescriber).GetAsync(new Uri($"/screenings/{script.ScreeningId}", UriKind.Relative)));
        var adverse = await CourseScript.OkAsync(await script.Medical.PostAsJsonAsync($"/courses/{script.CourseId}/adverse-events", new {
            type = "NauseaVomiting",
            severity = "Mild",
            occurredAt = script.Clock.GetUtcNow(),
            dosingSessionId = script.DosingSession(1),
            description = "Mild nausea after the dose",
            actionTaken = "Observed",
            outcome = "Resolved",
        }, ScreeningApi.Json));

        var ids = new Dictionary<string, Guid> {
            ["screeningId"] = script.ScreeningId,
            ["patientId"] = screening.GetProperty("patientId").GetGuid(),
            ["courseId"] = script.CourseId,
            ["sessionId"] = script.DosingSession(1),
            ["staffId"] = script.TherapistId,
            ["roomId"] = script.RoomId,
            ["adverseEventId"] = adverse.GetProperty("id").GetGuid(),
        };
        var secrets = ids.Values.Append(script.MedicalId).Append(script.DosingSession(2)).Select(id => id.ToString()).ToHashSet();

        var services = new (string Name, Func<string, IReadOnlyList<string>, HttpClient> Client)[] {
            ("screening", (role, clinics) => clinic.Screening.ClientFor(role, "isolation", clinics)),
            ("scheduling", (role, clinics) => clinic.Scheduling.ClientFor(role, "isolation", clinics)),
            ("integration", (role, clinics) => clinic.Integration.ClientFor(role, "isolation", clinics)),
        };
        var operations = new List<(string Service, Func<string, IReadOnlyList<string>, HttpClient> Client, string Method, string Template, JsonNode Operation)>();
        foreach (var (name, client) in services)
        {
            var document = JsonNode.Parse(await client(Roles.Analyst, [ClinicScope.Development]).GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
            operations.AddRange(OpenApiOperations.All(document)
                .Where(o => !ChainLevelTags.Contains((string?)o.Operation["tags"]?[0]))
                .Select(o => (name, client, o.Method, o.Path, o.Operation)));
        }

        Assert.True(operations.Count > 50, $"only {operations.Count} operations found");
        var before = await ReadAllAsync(operations, ids);
        Assert.True(before.Count >= 13, $"only {before.Count} records read back in the first clinic: {string.Join(", ", before.Keys)}");

        var failures = new List<string>();
        var calls = 0;
        foreach (var (service, client, method, template, operation) in operations)
        {
            foreach (var role in OpenApiOperations.DocumentedRoles(operation))
            {
                var path = Request(template, operation, ids);
                var (status, body) = await OpenApiOperations.SendAsync(client(role, [Other]), method, path, Example(operation));
                calls++;
                var leaked = secrets.Where(id => !path.Contains(id, StringComparison.Ordinal) && body.Contains(id, StringComparison.Ordinal)).ToList();
                if ((int)status is >= 200 and < 300 && (leaked.Count > 0 || (method != "GET" && ids.Values.Any(id => path.Contains(id.ToString(), StringComparison.Ordinal)))))
                {
                    failures.Add($"{service} {method} {template} as {role} at {Other}: {(int)status}, {(leaked.Count > 0 ? "answered with " + string.Join(", ", leaked) : "accepted a change to the first clinic's record")}");
                }

                if ((int)status >= 500)
                {
                    failures.Add($"{service} {method} {template} as {role} at {Other}: {(int)status} {body}");
                }
            }
        }

        var after = await ReadAllAsync(operations, ids);
        foreach (var (read, text) in before)
        {
            if (after[read] != text)
            {
                failures.Add($"{read} changed while the other clinic called every operation:\nbefore {text}\nafter  {after[read]}");
            }
        }

        Assert.True(failures.Count == 0, $"{calls} calls from {Other}:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task A_clinics_analyst_sees_only_their_clinic_and_a_chain_analyst_sees_every_clinic_with_its_column()
    {
        await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr"));
        await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr", [Other]));
        await clinic.Screening.CatchUpAsync();

        async Task<List<string>> ClinicsSeenAsync(IReadOnlyList<string> clinics)
        {
            var page = await CourseScript.OkAsync(await clinic.Screening.ClientFor(Roles.Analyst, "analyst", clinics)
                .GetAsync(new Uri("/reporting/screening-decisions?limit=200", UriKind.Relative)));
            return page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("clinic").GetString()!).Distinct().Order().ToList();
        }

        Assert.Equal([Other], await ClinicsSeenAsync([Other]));
        Assert.Equal([ClinicScope.Development], await ClinicsSeenAsync([ClinicScope.Development]));
        Assert.Equal([ClinicScope.Development, Other], await ClinicsSeenAsync([ClinicScope.AllClinics]));
    }

    /// <summary>Every GET whose route the first clinic's ids fill, read as that clinic: the records the other clinic must not change.</summary>
    private static async Task<Dictionary<string, string>> ReadAllAsync(
        IEnumerable<(string Service, Func<string, IReadOnlyList<string>, HttpClient> Client, string Method, string Template, JsonNode Operation)> operations,
        Dictionary<string, Guid> ids)
    {
        var reads = new Dictionary<string, string>();
        foreach (var (service, client, method, template, operation) in operations)
        {
            if (method != "GET" || OpenApiOperations.RouteParameters(operation).Count == 0
                || OpenApiOperations.RouteParameters(operation).Any(p => !ids.ContainsKey((string)p["name"]!)))
            {
                continue;
            }

            var path = Request(template, operation, ids);
            var (status, body) = await OpenApiOperations.SendAsync(client(OpenApiOperations.DocumentedRoles(operation)[0], [ClinicScope.Development]), method, path, null);
            if (status == HttpStatusCode.OK)
            {
                reads[$"{service} GET {path}"] = body;
            }
        }

        return reads;
    }

    /// <summary>The route filled with the first clinic's ids (by parameter name) and every required query value.</summary>
    private static string Request(string template, JsonNode operation, Dictionary<string, Guid> ids)
    {
        var path = OpenApiOperations.Fill(template, OpenApiOperations.RouteParameters(operation),
            p => ids.TryGetValue((string)p["name"]!, out var id) ? id.ToString() : null);
        var query = operation["parameters"]?.AsArray()
            .Where(p => (string?)p!["in"] == "query" && (bool?)p["required"] == true)
            .Select(p => $"{(string)p!["name"]!}={Uri.EscapeDataString(QueryValue(p))}")
            .ToList() ?? [];
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    private static string QueryValue(JsonNode parameter) => ((string?)parameter["schema"]?["format"], (string)parameter["name"]!) switch {
        ("date", _) => DateTime.UtcNow.ToString("yyyy-MM-dd"),
        ("date-time", "to") => DateTimeOffset.UtcNow.AddDays(60).ToString("O"),
        ("date-time", _) => DateTimeOffset.UtcNow.AddDays(-60).ToString("O"),
        _ => "1",
    };

    private static string? Example(JsonNode operation) =>
        operation["requestBody"]?["content"]?["application/json"]?["example"]?.ToJsonString() ?? (operation["requestBody"] is null ? null : "{}");
}
