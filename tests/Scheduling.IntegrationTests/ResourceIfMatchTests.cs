namespace Scheduling.IntegrationTests;

/// <summary>
/// Staff, rooms and availability carry a version: their reads answer it as the ETag, and a change sent with If-Match
/// replaces only that version, so two schedulers editing the same record never silently overwrite each other.
/// </summary>
public sealed class ResourceIfMatchTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private static object Staff(string name, params CredentialKind[] credentials) => new {
        displayName = name,
        role = StaffRole.MedicalProfessional,
        medicalKind = MedicalKind.Crna,
        credentials = credentials.Select(SchedulingApp.Valid).ToArray(),
        active = true,
    };

    private static object Week(string start, string end) => new {
        weekly = Enum.GetValues<DayOfWeek>().Select(d => new { day = d, start, end }).ToList(),
        timeOff = Array.Empty<object>(),
    };

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: SchedulingApp.Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private async Task<int> ChangesAsync(Guid id)
    {
        using var officer = app.Host.ClientFor(Roles.PrivacyOfficer, "privacy-1");
        return (await officer.GetFromJsonAsync<JsonElement>($"/staff/{id}/history?limit=100")).GetProperty("items").GetArrayLength();
    }

    [Fact]
    public async Task A_staff_change_under_a_stale_ETag_is_a_412_and_writes_nothing()
    {
        using var first = app.Host.ClientFor(Roles.Scheduler, "scheduler-a");
        using var second = app.Host.ClientFor(Roles.Scheduler, "scheduler-b");
        var created = await first.PostAsJsonAsync("/staff", Staff("Sam Nurse", CredentialKind.License, CredentialKind.Acls), SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var id = (await created.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id;

        // Both schedulers read version 1.
        var read = await first.GetAsync(new Uri($"/staff/{id}", UriKind.Relative));
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);
        Assert.Equal(1, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());

        var changed = await PutAsync(first, $"/staff/{id}", Staff("Sam Nurse", CredentialKind.License), etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("\"2\"", changed.Headers.ETag?.Tag);
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());

        var lost = await PutAsync(second, $"/staff/{id}", Staff("Sam Nurse (renamed)", CredentialKind.License, CredentialKind.Acls), etag);
        var problem = await ProblemAssert.ProblemAsync(lost, HttpStatusCode.PreconditionFailed);
        Assert.Equal(Problems.StaleTitle, problem.GetProperty("title").GetString());

        var now = await first.GetFromJsonAsync<JsonElement>($"/staff/{id}");
        Assert.Equal("Sam Nurse", now.GetProperty("displayName").GetString());
        Assert.Equal(1, now.GetProperty("credentials").GetArrayLength());
        Assert.Equal(2, await ChangesAsync(id));

        // A version from the future is not the current one either.
        await ProblemAssert.ProblemAsync(await PutAsync(second, $"/staff/{id}", Staff("Sam Nurse"), "\"99\""), HttpStatusCode.PreconditionFailed);
        await ProblemAssert.ProblemAsync(await PutAsync(second, $"/staff/{id}", Staff("Sam Nurse"), "yesterday"), HttpStatusCode.BadRequest);
        Assert.Equal(2, await ChangesAsync(id));

        // Without If-Match the last writer wins, as for streams.
        var unconditional = await PutAsync(second, $"/staff/{id}", Staff("Sam Nurse (renamed)", CredentialKind.License), null);
        Assert.Equal(HttpStatusCode.OK, unconditional.StatusCode);
        Assert.Equal("\"3\"", unconditional.Headers.ETag?.Tag);
        Assert.Equal("\"3\"", (await first.GetAsync(new Uri($"/staff/{id}", UriKind.Relative))).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_room_change_under_a_stale_version_is_a_412_and_writes_nothing()
    {
        using var client = app.Client();
        var name = $"Room {Guid.NewGuid():N}"[..12];
        var created = await client.PostAsJsonAsync("/rooms", new { name }, SchedulingApp.Json);
        var id = (await created.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id;
        var listed = (await client.GetFromJsonAsync<JsonElement>("/rooms?limit=100")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        var version = listed.GetProperty("version").GetInt64();
        Assert.Equal(1, version);

        var renamed = await PutAsync(client, $"/rooms/{id}", new { name = name + " A" }, ETags.From(version));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("\"2\"", renamed.Headers.ETag?.Tag);

        await ProblemAssert.ProblemAsync(await PutAsync(client, $"/rooms/{id}", new { name = name + " B", active = false }, ETags.From(version)), HttpStatusCode.PreconditionFailed);
        var now = (await client.GetFromJsonAsync<JsonElement>("/rooms?limit=100")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(name + " A", now.GetProperty("name").GetString());
        Assert.True(now.GetProperty("active").GetBoolean());
        Assert.Equal(2, now.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("rooms")]
    public async Task An_availability_change_under_a_stale_ETag_is_a_412_and_writes_nothing(string resource)
    {
        using var client = app.Client();
        var created = resource == "staff"
            ? await client.PostAsJsonAsync("/staff", Staff("Ada Anaesthetist", CredentialKind.License, CredentialKind.Acls), SchedulingApp.Json)
            : await client.PostAsJsonAsync("/rooms", new { name = $"Room {Guid.NewGuid():N}"[..12] }, SchedulingApp.Json);
        var id = (await created.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id;
        var path = $"/{resource}/{id}/availability";

        // Before any is set the availability has version 0; only that is current.
        await ProblemAssert.ProblemAsync(await PutAsync(client, path, Week("08:00", "16:00"), "\"1\""), HttpStatusCode.PreconditionFailed);
        var set = await PutAsync(client, path, Week("08:00", "16:00"), "\"0\"");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("\"1\"", set.Headers.ETag?.Tag);

        var read = await client.GetAsync(new Uri(path, UriKind.Relative));
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);
        Assert.Equal(1, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());

        var changed = await PutAsync(client, path, Week("09:00", "17:00"), etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("\"2\"", changed.Headers.ETag?.Tag);

        await ProblemAssert.ProblemAsync(await PutAsync(client, path, Week("10:00", "12:00"), etag), HttpStatusCode.PreconditionFailed);
        var now = await client.GetFromJsonAsync<JsonElement>(path);
        Assert.StartsWith("09:00", now.GetProperty("weekly")[0].GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, now.GetProperty("version").GetInt64());
        using var officer = app.Host.ClientFor(Roles.PrivacyOfficer, "privacy-1");
        var history = (await officer.GetFromJsonAsync<JsonElement>($"/{resource}/{id}/history?limit=100")).GetProperty("items");
        Assert.Equal(3, history.GetArrayLength()); // created, availability set, availability changed
    }

    // What the handler's own comparison cannot see: a change committed between its read and its write. The revision it
    // writes is checked by Marten at commit, so the later write is refused instead of overwriting.
    [Fact]
    public async Task A_change_committed_after_the_read_refuses_the_write_that_read_before_it()
    {
        using var client = app.Client();
        var created = await client.PostAsJsonAsync("/staff", Staff("Kim Prescriber", CredentialKind.License), SchedulingApp.Json);
        var id = (await created.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id;

        await using var session = app.Host.Store.LightweightSession(ClinicScope.Development);
        var before = (await session.LoadAsync<StaffMember>(id))!;
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, $"/staff/{id}", Staff("Kim Prescriber (changed)", CredentialKind.License), null)).StatusCode);

        // As ResourceWrites.ReplaceAsync writes it: the revision after the one read.
        session.UpdateRevision(before with { DisplayName = "Kim Prescriber (late)" }, before.Version + 1);
        await Assert.ThrowsAsync<JasperFx.ConcurrencyException>(() => session.SaveChangesAsync());
        Assert.Equal("Kim Prescriber (changed)", (await client.GetFromJsonAsync<JsonElement>($"/staff/{id}")).GetProperty("displayName").GetString());
    }
}
