using DemoClinic;
using Platform.ServiceDefaults.Auth;

// Usage: dotnet run --project deploy/DemoClinic -- <screening-url> <scheduling-url> <integration-url>
// The AppHost passes the three URLs as SCREENING_URL, SCHEDULING_URL and INTEGRATION_URL instead.
var urls = args.Length == 3
    ? args
    : new[] { "SCREENING_URL", "SCHEDULING_URL", "INTEGRATION_URL" }.Select(v => Environment.GetEnvironmentVariable(v) ?? "").ToArray();
if (urls.Any(string.IsNullOrWhiteSpace))
{
    Console.Error.WriteLine("usage: DemoClinic <screening-url> <scheduling-url> <integration-url>");
    return 1;
}

// The public development key only: the services refuse it outside Development, so the demo cannot reach production.
var settings = new JwtSettings { SigningKey = JwtSettings.DevelopmentSigningKey };
var services = new TokenClients(settings, new Uri(urls[0]), new Uri(urls[1]), new Uri(urls[2]));
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
try
{
    foreach (var url in urls)
    {
        await WaitReadyAsync(new Uri(url), cts.Token);
    }

    await new DemoLoader(services, Console.Out).RunAsync(cts.Token);
    return 0;
}
catch (DemoStepFailedException failed)
{
    Console.Error.WriteLine(failed.Message);
    return 1;
}

static async Task WaitReadyAsync(Uri baseUrl, CancellationToken ct)
{
    using var http = new HttpClient { BaseAddress = baseUrl };
    while (true)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready", ct);
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine($"ready {baseUrl}");
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
    }
}

internal sealed class TokenClients(JwtSettings settings, Uri screening, Uri scheduling, Uri integration) : IDemoServices
{
    public HttpClient Screening(string role, string subject) => Client(screening, role, subject);

    public HttpClient Scheduling(string role, string subject) => Client(scheduling, role, subject);

    public HttpClient Integration(string role, string subject) => Client(integration, role, subject);

    private HttpClient Client(Uri baseUrl, string role, string subject)
    {
        var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Mint(settings, role, subject, TimeSpan.FromHours(1)));
        return http;
    }
}
