using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// Everything a service host tells its logs and traces, kept as text to search for PHI: every log record of every
/// category at every level (formatted message, state values, scopes, exception) and every activity's tags, events and
/// baggage. A leak at Trace level is still a leak once someone turns Trace on.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly CapturingLoggerProvider logs = new();
    private readonly ConcurrentQueue<string> traces = new();
    private readonly ActivityListener listener;

    public TelemetryCapture()
    {
        listener = new ActivityListener {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => traces.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>For <c>ServiceHost.StartAsync(configureServices: ...)</c>.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(logs);
        services.PostConfigure<LoggerFilterOptions>(o =>
        {
            o.Rules.Clear();
            o.MinLevel = LogLevel.Trace;
        });
    }

    /// <summary>Fails naming the records that carry any canary; also fails when nothing was captured (a broken capture).</summary>
    public void AssertNoneCarries(IReadOnlyCollection<string> canaries)
    {
        listener.Dispose();
        Assert.NotEmpty(logs.Records);
        var leaks = logs.Records.Concat(traces)
            .SelectMany(record => canaries.Where(c => record.Contains(c, StringComparison.OrdinalIgnoreCase)).Select(c => $"[{c}] {Shorten(record)}"))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} records carry canary PHI:\n" + string.Join("\n", leaks.Take(20)));
    }

    public void Dispose() => listener.Dispose();

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
