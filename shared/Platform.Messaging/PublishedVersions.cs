namespace Platform.Messaging;

/// <summary>
/// Which versions of a contract a service publishes, from <c>Messaging:Publish:&lt;Contract&gt;</c> ("v1,v2", "v2").
/// Configuration rather than code because the switch follows the consumers, not a release: both while any consumer of
/// the previous release still runs, then the new version alone once every consumer is upgraded.
/// </summary>
public sealed record PublishedVersions(string Contract, IReadOnlySet<string> Versions)
{
    public bool Includes(string version) => Versions.Contains(version);

    /// <summary>
    /// The setting, or <paramref name="defaults"/> when unset. A value naming no known version (or none at all) refuses
    /// to start the service: publishing nothing, or a version no consumer knows, would lose messages silently.
    /// </summary>
    public static PublishedVersions Read(IConfiguration configuration, string contract, IReadOnlyList<string> known, string defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(known);
        var key = $"Messaging:Publish:{contract}";
        var value = configuration[key] ?? defaults;
        var versions = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (versions.Length == 0 || versions.Any(v => !known.Contains(v, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException(
                $"{key} is \"{value}\": it must list one or more of {string.Join(", ", known)}, comma-separated (e.g. \"{defaults}\").");
        }

        return new PublishedVersions(contract, versions.ToHashSet(StringComparer.Ordinal));
    }
}
