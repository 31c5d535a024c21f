using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Screening.IntegrationTests.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// PHI never reaches a log record or a trace. Screening is the service that takes identifiable PHI (name, birth
/// date, contacts, psychiatric history, medications), so its host is the one to watch: every log record of every
/// category at every level (Npgsql, Marten, MassTransit, ASP.NET Core included) and every activity's tags and events,
/// while a patient with distinctive canary values goes through intake, including the hostile inputs that once made
/// Npgsql log request bodies (a NUL character, a 100k string, null array elements, malformed JSON).
/// </summary>
public sealed class LogScrubTests
{
    private static readonly string[] Canaries =
    [
        "Zebulon", "Quaggmire", "1971-03-17", "zq.canary@example.org", "555-0143-777",
        "canaryweed", "Canaryzepam", "wrenfinch intentions",
    ];

    [Fact]
    public async Task No_canary_phi_appears_in_any_log_record_or_activity_while_intake_runs_with_hostile_inputs()
    {
        var logs = new CapturingLoggerProvider();
        var traces = new ConcurrentQueue<string>();
        using var listener = new ActivityListener {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => traces.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(listener);

        await using var service = await ServiceHost.StartAsync<ScreeningServiceMarker>(
            ServiceHost.NewEntityPrefix(),
            configureServices: services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                // Every level of every category: a leak at Trace is still a leak once someone turns Trace on.
                services.PostConfigure<LoggerFilterOptions>(o =>
                {
                    o.Rules.Clear();
                    o.MinLevel = LogLevel.Trace;
                });
            });

        var system = service.ClientFor(Roles.System, "ehr");
        var intake = service.ClientFor(Roles.Intake, "intake-1");
        var patient = new { fullName = "Zebulon Quaggmire", birthDate = "1971-03-17", email = "zq.canary@example.org", phone = "+1-555-0143-777" };
        var referral = await ReferAsync(system, new {
            externalReference = "EXT-" + Guid.NewGuid().ToString("N")[..8],
            referringClinician = "Dr Referrer",
            indication = "TreatmentResistantDepression",
            requestedRoute = "IvKetamine",
            patient,
        });
        var path = $"/screenings/{referral.Id}";
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/medical-history", MedicalHistory());
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/psychiatric-history", new {
            psychosisSelf = false,
            psychosisFirstDegreeRelative = false,
            bipolarDisorder = false,
            currentMania = false,
            onMoodStabiliser = false,
            substanceUseDisorder = true,
            substances = new[] { "canaryweed, disclosed relapse" },
            substanceLastUsedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-2)).ToString("yyyy-MM-dd"),
            ketamineOrPcpMisuseLastOn = (string?)null,
        });
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/medications", new {
            medications = new[] { new { @class = "Antidepressant", name = "Canaryzepam", dailyDoseMg = 50m, diazepamEquivalentMgPerDay = (decimal?)null } },
        });
        await RecordSafeIntakeRestAsync(intake, path);
        await GetAsync<object>(intake, path);

        // Hostile inputs: each must be refused (4xx), and the refusal must not carry the values into a log.
        var nul = new { fullName = "Zebulon\u0000Quaggmire", birthDate = "1971-03-17", email = "zq.canary@example.org", phone = "+1-555-0143-777" };
        var huge = new { fullName = "Zebulon Quaggmire " + new string('Q', 100_000), birthDate = "1971-03-17", email = "zq.canary@example.org" };
        foreach (var hostile in new[] { nul, (object)huge })
        {
            using var response = await SendKeyedAsync(system, HttpMethod.Post, "/screenings", new {
                externalReference = "EXT-" + Guid.NewGuid().ToString("N")[..8],
                referringClinician = "Dr Referrer",
                indication = "TreatmentResistantDepression",
                requestedRoute = "IvKetamine",
                patient = hostile,
            }, idempotencyKey: Guid.NewGuid().ToString());
            AssertRefused(response);
        }

        using (var nullElements = await SendAsync(intake, HttpMethod.Put, $"{path}/medications", new {
            medications = new object?[] { null, new { @class = "Other", name = "Canaryzepam\u0000", dailyDoseMg = 1m } },
        }))
        {
            AssertRefused(nullElements);
        }

        using (var nullSubstances = await SendAsync(intake, HttpMethod.Put, $"{path}/psychiatric-history", new {
            psychosisSelf = false,
            substanceUseDisorder = true,
            substances = new[] { null, "canaryweed \u0000 wrenfinch intentions" },
        }))
        {
            AssertRefused(nullSubstances);
        }

        using (var malformed = new HttpRequestMessage(HttpMethod.Post, "/screenings") {
            Content = new StringContent("{\"patient\":{\"fullName\":\"Zebulon Quaggmire\",\"email\":\"zq.canary@example.org\",\"note\":\"wrenfinch intentions", Encoding.UTF8, "application/json"),
        })
        {
            malformed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await system.SendAsync(malformed);
            AssertRefused(response);
        }

        await service.CatchUpAsync();
        listener.Dispose();
        await service.DisposeAsync(); // shutdown logs too

        Assert.NotEmpty(logs.Records); // the capture works: the path logs something
        var leaks = logs.Records.Concat(traces)
            .SelectMany(record => Canaries.Where(c => record.Contains(c, StringComparison.OrdinalIgnoreCase)).Select(c => $"[{c}] {Shorten(record)}"))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} records carry canary PHI:\n" + string.Join("\n", leaks.Take(20)));
    }

    private static async Task RecordSafeIntakeRestAsync(HttpClient intake, string path)
    {
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/prior-treatments", PriorTreatments());
        await SendOkAsync(intake, HttpMethod.Post, $"{path}/vitals", Vitals());
        await SendOkAsync(intake, HttpMethod.Post, $"{path}/instruments", SafeCssrs);
    }

    private static Task<HttpResponseMessage> SendKeyedAsync(HttpClient client, HttpMethod method, string path, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");

    private static string Shorten(string record) => record.Length <= 400 ? record : record[..400] + "...";

    private static string Describe(Activity activity)
    {
        var text = new StringBuilder($"activity {activity.Source.Name} {activity.DisplayName} {activity.StatusDescription}");
        foreach (var tag in activity.TagObjects)
        {
            text.Append($" {tag.Key}={tag.Value}");
        }

        foreach (var e in activity.Events)
        {
            text.Append($" event {e.Name}");
            foreach (var tag in e.Tags)
            {
                text.Append($" {tag.Key}={tag.Value}");
            }
        }

        foreach (var baggage in activity.Baggage)
        {
            text.Append($" baggage {baggage.Key}={baggage.Value}");
        }

        return text.ToString();
    }

    /// <summary>Keeps every record as one string: category, formatted message, state values, scopes, exception.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<string> Records { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Capture(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new StringBuilder($"{logLevel} {category} {eventId}: {formatter(state, exception)}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var value in values)
                    {
                        text.Append($" {value.Key}={Flatten(value.Value)}");
                    }
                }

                owner.scopes.ForEachScope((scope, builder) => builder.Append($" scope={Flatten(scope)}"), text);
                if (exception is not null)
                {
                    text.Append(" exception=").Append(exception);
                }

                owner.Records.Enqueue(text.ToString());
            }

            private static string Flatten(object? value) => value switch {
                null => "",
                string s => s,
                IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(",", pairs.Select(p => $"{p.Key}={Flatten(p.Value)}")),
                System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Flatten)),
                _ => value.ToString() ?? "",
            };
        }
    }
}
