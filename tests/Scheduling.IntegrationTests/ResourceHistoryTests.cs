namespace Scheduling.IntegrationTests;

/// <summary>Staff and room records are replaced on change; their history says who changed what, and when.</summary>
public sealed class ResourceHistoryTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task A_changed_credential_keeps_who_changed_it_when_and_the_record_before_and_after()
    {
        using var scheduler = app.Host.ClientFor(Roles.Scheduler, "scheduler-9");
        var created = await scheduler.PostAsJsonAsync("/staff", new {
            displayName = "Robin Medic",
            role = StaffRole.MedicalProfessional,
            medicalKind = MedicalKind.Crna,
            credentials = new[] { SchedulingApp.Valid(CredentialKind.License), SchedulingApp.Valid(CredentialKind.Acls) },
        }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id;

        using var other = app.Host.ClientFor(Roles.Scheduler, "scheduler-3");
        var changed = await other.PutAsJsonAsync($"/staff/{id}", new {
            displayName = "Robin Medic",
            role = StaffRole.MedicalProfessional,
            medicalKind = MedicalKind.Crna,
            credentials = new[] { SchedulingApp.Valid(CredentialKind.License) },
            active = true,
        }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        using var officer = app.Host.ClientFor(Roles.PrivacyOfficer, "privacy-1");
        var history = (await officer.GetFromJsonAsync<JsonElement>($"/staff/{id}/history")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("scheduler-3", history[0].GetProperty("changedBy").GetString());
        Assert.Contains("Acls", history[0].GetProperty("before").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Acls", history[0].GetProperty("after").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("scheduler-9", history[1].GetProperty("changedBy").GetString());
        Assert.Equal(JsonValueKind.Null, history[1].GetProperty("before").ValueKind);

        using var therapist = app.Host.ClientFor(Roles.Therapist);
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.GetAsync(new Uri($"/staff/{id}/history", UriKind.Relative))).StatusCode);
    }
}
