using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DemoClinic;
using Platform.ServiceDefaults.Auth;

namespace Platform.Faults;

/// <summary>What a clinic does to the platform during the suite: screenings made ready, approvals signed and preparation
/// sessions booked (each retried with the same Idempotency-Key until answered, as a careful client would), courses and
/// sessions looked up.</summary>
internal sealed class Clinic(ServiceProcess screening, ServiceProcess scheduling, ServiceProcess integration)
{
    private static readonly JwtSettings Development = new() { SigningKey = JwtSettings.DevelopmentSigningKey };

    public ServiceProcess Screening => screening;

    public ServiceProcess Scheduling => scheduling;

    public ServiceProcess Integration => integration;

    /// <summary>
    /// A screening with every fact a safe TRD referral needs, so a prescriber can approve it; each step retried with
    /// the same key until answered (the soak takes patients through intake while faults strike).
    /// </summary>
    public async Task<Guid> ReadyScreeningAsync(CancellationToken cancellationToken = default)
    {
        var key = Guid.NewGuid().ToString();
        Task<JsonElement> Step(HttpMethod method, string path, object body, string step) =>
            UntilAnsweredAsync(() => SendAsync(screening, method, path, Roles.Intake, body, idempotencyKey: $"{step}-{key}"), cancellationToken);

        var referral = await Step(HttpMethod.Post, "/screenings", new {
            externalReference = "FAULT-" + key[..8],
            referringClinician = "Dr Referrer",
            indication = "TreatmentResistantDepression",
            requestedRoute = "IvKetamine",
            patient = new { fullName = "Fault Suite", birthDate = "1985-06-01", email = "faults@example.org" },
        }, "referral");
        var id = referral.GetProperty("id").GetGuid();
        var path = $"/screenings/{id}";
        await Step(HttpMethod.Put, path + "/medical-history", SampleIntake.MedicalHistory(), "medical");
        await Step(HttpMethod.Put, path + "/psychiatric-history", SampleIntake.PsychiatricHistory(), "psychiatric");
        await Step(HttpMethod.Put, path + "/medications", SampleIntake.NoMedications, "medications");
        await Step(HttpMethod.Put, path + "/prior-treatments", SampleIntake.PriorTreatments(), "prior");
        await Step(HttpMethod.Post, path + "/vitals", new {
            systolic = 122,
            diastolic = 78,
            heartRate = 70,
            weightKg = 72.5m,
            takenAt = DateTimeOffset.UtcNow.AddMinutes(-30),
        }, "vitals");
        await Step(HttpMethod.Post, path + "/instruments", new { instrument = "C-SSRS", items = new[] { 0, 0, 0, 0, 0, 0 } }, "cssrs");
        await Step(HttpMethod.Post, path + "/instruments", new { instrument = "PHQ-9", items = new[] { 2, 2, 2, 2, 2, 2, 2, 1, 0 } }, "phq9");
        return id;
    }

    /// <summary>Signs the approval, retried with the same key until answered; returns the course id of the answer.</summary>
    public async Task<Guid> ApproveAsync(Guid screeningId, CancellationToken cancellationToken) =>
        (await UntilAnsweredAsync(
            () => SendAsync(screening, HttpMethod.Post, $"/screenings/{screeningId}/approval", Roles.Prescriber, new { }, idempotencyKey: "approve-" + screeningId),
            cancellationToken)).GetProperty("courseId").GetGuid();

    /// <summary>
    /// Therapists and rooms for the bookings, each available around the clock (two windows a day, as a 24-hour
    /// window is not one); the same keys on every run of the suite's database.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Therapist, Guid Room)>> SeatsAsync(int count)
    {
        var days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        var availability = new {
            weekly = days.SelectMany(d => new[] { new { day = d, start = "00:00", end = "12:00" }, new { day = d, start = "12:00", end = "00:00" } }),
            timeOff = Array.Empty<object>(),
        };
        var seats = new List<(Guid, Guid)>();
        for (var i = 0; i < count; i++)
        {
            var therapist = (await SendAsync(scheduling, HttpMethod.Post, "/staff", Roles.Scheduler, new {
                displayName = $"Fault Suite Therapist {i}",
                role = "Therapist",
                credentials = new[] { new { kind = "License", identifier = $"LPC-F{i}", expiresOn = "2099-12-31" } },
            }, idempotencyKey: $"faults-therapist-{i}")).GetProperty("id").GetGuid();
            var room = (await SendAsync(scheduling, HttpMethod.Post, "/rooms", Roles.Scheduler, new { name = $"Fault Suite Room {i}" },
                idempotencyKey: $"faults-room-{i}")).GetProperty("id").GetGuid();
            await SendAsync(scheduling, HttpMethod.Put, $"/staff/{therapist}/availability", Roles.Scheduler, availability);
            await SendAsync(scheduling, HttpMethod.Put, $"/rooms/{room}/availability", Roles.Scheduler, availability);
            seats.Add((therapist, room));
        }

        return seats;
    }

    /// <summary>
    /// Matches the therapist and books a one-hour preparation session once Scheduling has the course, each retried
    /// with the same key through any outage; returns the session id of the answer.
    /// </summary>
    public async Task<Guid> BookPreparationAsync(Guid courseId, (Guid Therapist, Guid Room) seat, DateTimeOffset start, CancellationToken cancellationToken)
    {
        await UntilAnsweredAsync(
            () => SendAsync(scheduling, HttpMethod.Put, $"/courses/{courseId}/therapist", Roles.Scheduler, new { therapistId = seat.Therapist }),
            cancellationToken);
        var booked = await UntilAnsweredAsync(
            () => SendAsync(scheduling, HttpMethod.Post, $"/courses/{courseId}/sessions", Roles.Scheduler, new {
                kind = "Preparation",
                start,
                end = start.AddHours(1),
                therapistId = seat.Therapist,
                roomId = seat.Room,
            }, idempotencyKey: "prep-" + courseId),
            cancellationToken);
        return booked.GetProperty("sessionId").GetGuid();
    }

    /// <summary>A PHQ-9 in Integration's course once it is there, retried with the same key until answered.</summary>
    public async Task RecordOutcomeAsync(Guid courseId, CancellationToken cancellationToken) =>
        await UntilAnsweredAsync(
            () => SendAsync(integration, HttpMethod.Post, $"/courses/{courseId}/outcomes", Roles.Therapist, new {
                instrument = "PHQ-9",
                items = new[] { 1, 1, 1, 1, 1, 1, 1, 1, 0 },
            }, idempotencyKey: "outcome-" + courseId),
            cancellationToken);

    /// <summary>One read as <paramref name="subject"/>; whether it was answered (a connection error or a 5xx is not).</summary>
    public static async Task<bool> ReadAsync(ServiceProcess service, string path, string role, string subject)
    {
        try
        {
            using var response = await WithinRateLimitAsync(service, () => Request(HttpMethod.Get, path, role, subject));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whether Scheduling's course holds the session (a connection error while it restarts counts as not yet).</summary>
    public async Task<bool> HasSessionAsync(Guid courseId, Guid sessionId)
    {
        try
        {
            return await SchedulingCourseAsync(courseId) is { } course
                && course.GetProperty("sessions").EnumerateArray().Count(s => s.GetProperty("sessionId").GetGuid() == sessionId) == 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Scheduling's course as a clinic system reads it, or null while it answers anything but success.</summary>
    private async Task<JsonElement?> SchedulingCourseAsync(Guid courseId)
    {
        using var response = await WithinRateLimitAsync(scheduling, () => Request(HttpMethod.Get, $"/courses/{courseId}", Roles.System));
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
    }

    /// <summary>
    /// A careful client: the same request (same Idempotency-Key) again after a connection error, a 5xx or a 404 of
    /// something that is on its way (a course the approval has not opened yet), backing off to 2 s. Any other
    /// refusal is not retried: it is a finding.
    /// </summary>
    private static async Task<JsonElement> UntilAnsweredAsync(Func<Task<JsonElement>> send, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await send();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Unavailable or NotYet)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
            }
        }
    }

    /// <summary>A serious adverse event once Integration has the course: it places a safety hold there and publishes it.</summary>
    public async Task SeriousAdverseEventAsync(Guid courseId)
    {
        while (!await HasCourseAsync(integration, courseId))
        {
            await Task.Delay(200);
        }

        await SendAsync(integration, HttpMethod.Post, $"/courses/{courseId}/adverse-events", Roles.Medical, new {
            type = "RespiratoryDepression",
            severity = "Serious",
            occurredAt = DateTimeOffset.UtcNow,
            actionTaken = "Oxygen, observed",
            outcome = "Resolved",
        }, idempotencyKey: "serious-" + courseId);
    }

    /// <summary>Whether Scheduling holds the course (so no dosing can be booked), once the hold had time to arrive.</summary>
    public static async Task<bool> OnHoldInSchedulingAsync(Clinic clinic, Guid courseId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await clinic.SchedulingCourseAsync(courseId) is { } course && course.GetProperty("activeHolds").GetArrayLength() > 0)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Whether the service has the course (a connection error while it restarts counts as not yet).</summary>
    public static async Task<bool> HasCourseAsync(ServiceProcess service, Guid courseId)
    {
        try
        {
            // Integration's course is a clinical record (a prescriber's); Scheduling's plan is open to clinic systems.
            using var response = await WithinRateLimitAsync(
                service, () => Request(HttpMethod.Get, $"/courses/{courseId}", service.Name == "integration" ? Roles.Prescriber : Roles.System));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<JsonElement> SendAsync(ServiceProcess service, HttpMethod method, string path, string role, object body, string? idempotencyKey = null)
    {
        using var response = await WithinRateLimitAsync(service, () =>
        {
            var request = Request(method, path, role);
            request.Content = JsonContent.Create(body);
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return request;
        });
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
        {
            throw new Unavailable($"{(int)response.StatusCode} {method} {path}");
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new NotYet($"404 {method} {path}");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{service.Name} refused {method} {path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Sends the request again while the per-caller rate limit answers 429, waiting as long as it says, as a
    /// well-behaved client does; the checks read thousands of courses, so a 429 must never count as "not there".
    /// </summary>
    private static async Task<HttpResponseMessage> WithinRateLimitAsync(ServiceProcess service, Func<HttpRequestMessage> request)
    {
        while (true)
        {
            using var sent = request();
            var response = await service.Http.SendAsync(sent);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            response.Dispose();
        }
    }

    /// <summary>
    /// One of eight clinicians of the role, as in a clinic (the rate limit is per caller); always the same one for a path,
    /// since an Idempotency-Key is the caller's own: a retry comes from the clinician who sent the request.
    /// </summary>
    private static HttpRequestMessage Request(HttpMethod method, string path, string role, string? subject = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        subject ??= $"fault-suite-{role}-{(uint)path.GetHashCode() % 8}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(Development, role, subject, TimeSpan.FromHours(1)));
        return request;
    }

    /// <summary>A 5xx: the service is up but a dependency is not (503 + Retry-After); the client waits and retries.</summary>
    private sealed class Unavailable(string message) : Exception(message);

    /// <summary>A 404: what the request names has not arrived yet (the course opens from a message).</summary>
    private sealed class NotYet(string message) : Exception(message);
}
