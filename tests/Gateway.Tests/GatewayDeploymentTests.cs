using Platform.Gateway;

namespace Gateway.Tests;

/// <summary>
/// The gateway refuses to start without the base URL of every service its table routes to, so each place that starts
/// it (compose, the AppHost, a developer's appsettings) must name them all: a resource type added for a new owner
/// fails here, not at an operator's first start.
/// </summary>
public sealed class GatewayDeploymentTests
{
    public static TheoryData<string, string> Places => new() {
        { "docker-compose.yml", "Services__{0}:" },
        { "deploy/AppHost/Program.cs", "\"Services__{0}\"" },
        { "gateway/Platform.Gateway/appsettings.json", "\"{0}\":" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void Every_owning_service_has_its_address_where_the_gateway_is_started(string file, string pattern)
    {
        var text = File.ReadAllText(Path.Combine(Repository(), file));

        var missing = FhirRoutes.Services.Where(s => !text.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, s), StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"{file} does not give the gateway the address of: {string.Join(", ", missing)}");
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("Run the tests from inside the repository.");
        }

        return directory.FullName;
    }
}
