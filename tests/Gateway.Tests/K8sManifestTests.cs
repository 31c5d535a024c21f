using System.Text.RegularExpressions;

namespace Gateway.Tests;

/// <summary>
/// The Kubernetes manifests (deploy/k8s/base) start the same processes compose does: probes on the health endpoints
/// the hosts map, port 8080, and only environment variables the code reads, which docker-compose.yml is the list of.
/// A renamed setting or a typo in a manifest fails here, not at an operator's first rollout. (deploy/k8s/validate.sh
/// checks the manifests' schema; this checks what the schema cannot know.)
/// </summary>
public sealed partial class K8sManifestTests
{
    public static TheoryData<string, string> Deployments => new() {
        { "screening", "deploy/Dockerfile" },
        { "scheduling", "deploy/Dockerfile" },
        { "integration", "deploy/Dockerfile" },
        { "gateway", "deploy/Gateway.Dockerfile" },
        { "identity", "deploy/Identity.Dockerfile" },
    };

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Probes_and_port_are_those_the_host_serves(string name, string dockerfile)
    {
        _ = dockerfile;
        var manifest = Read($"deploy/k8s/base/{name}.yaml");

        Assert.Matches(@"readinessProbe:\s+httpGet:\s+path: /health/ready\s", manifest);
        Assert.Matches(@"livenessProbe:\s+httpGet:\s+path: /health/live\s", manifest);
        Assert.Equal(["8080"], ContainerPort().Matches(manifest).Select(m => m.Groups[1].Value));
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Every_environment_variable_is_one_compose_sets(string name, string dockerfile)
    {
        var manifest = Read($"deploy/k8s/base/{name}.yaml");
        var names = EnvName().Matches(manifest).Select(m => m.Groups[1].Value).ToList();
        // Set by the image (ENV in its Dockerfile), or only a helper the manifest composes a value from with $(NAME).
        var fromImage = DockerfileEnv().Matches(Read(dockerfile)).Select(m => m.Groups[1].Value);
        var helpers = names.Where(n => manifest.Contains($"$({n})", StringComparison.Ordinal));
        var allowed = ComposeEnvironment(name).Concat(fromImage).Concat(helpers).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(names);
        var unknown = names.Where(n => !allowed.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, $"deploy/k8s/base/{name}.yaml sets what compose's {name} does not: {string.Join(", ", unknown)}");
    }

    [Theory]
    [InlineData("deploy/postgres/database.sql", "deploy/k8s/base/postgres/database.sql")]
    [InlineData("deploy/otel/collector.yaml", "deploy/k8s/base/otel/collector.yaml")]
    public void The_copies_kustomize_reads_equal_their_sources(string source, string copy) =>
        Assert.True(Read(source) == Read(copy), $"{copy} differs from {source}: copy it again (kustomize reads no file outside deploy/k8s/base)");

    /// <summary>The variable names of a compose service: its own environment and the x-* blocks it merges in.</summary>
    private static IEnumerable<string> ComposeEnvironment(string service)
    {
        var compose = Read("docker-compose.yml");
        var block = Block(compose, $"  {service}:");
        var keys = Keys(Block(block, "    environment:"), "      ").ToList();
        if (block.Contains("*service-env", StringComparison.Ordinal))
        {
            keys.AddRange(Keys(Block(compose, "x-service-env: &service-env"), "  "));
        }

        if (block.Contains("*service-env", StringComparison.Ordinal) || block.Contains("*auth-env", StringComparison.Ordinal))
        {
            keys.AddRange(Keys(Block(compose, "x-auth-env: &auth-env"), "  "));
        }

        return keys;
    }

    /// <summary>The lines after <paramref name="header"/> that are indented deeper than it.</summary>
    private static string Block(string text, string header)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == header);
        Assert.True(start >= 0, $"no line '{header}'");
        var indent = header.Length - header.TrimStart().Length;
        var body = lines.Skip(start + 1).TakeWhile(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#') || l.Length - l.TrimStart().Length > indent);
        return string.Join('\n', body);
    }

    private static IEnumerable<string> Keys(string block, string indent) =>
        block.Split('\n').Where(l => l.StartsWith(indent, StringComparison.Ordinal) && !char.IsWhiteSpace(l[indent.Length]))
            .Select(l => Key().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"containerPort: (\d+)")]
    private static partial Regex ContainerPort();

    // An env entry: "- name: X" followed by "value:" or "valueFrom:" (ports, volumes and mounts have other keys).
    [GeneratedRegex(@"- name: ([A-Za-z_][A-Za-z0-9_]*)\s*\n\s*value(?:From)?:")]
    private static partial Regex EnvName();

    [GeneratedRegex(@"(?m)^ENV ([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex DockerfileEnv();

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex Key();

    private static string Read(string path) => File.ReadAllText(Path.Combine(Repository(), path)).ReplaceLineEndings("\n");

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
