using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>
/// docs/layout.md is checked where a check is cheap: the files every service has, the folders the page names, and
/// every event type pinned under a stored name (renaming a class must never orphan the events already stored).
/// </summary>
public sealed partial class LayoutTests
{
    private static readonly string Root = OpenApiOperations.RepositoryRoot();

    public static TheoryData<string> Services => new(["Screening", "Scheduling", "Integration"]);

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_has_the_files_of_the_one_shape(string service)
    {
        var folder = Path.Combine(Root, "services", service, service + ".Api");
        foreach (var role in new[] { "Program", "Service", "Module", "Store", "Consumers", "EventMap", "Protocol" })
        {
            var file = role == "Program" ? "Program.cs" : service + role + ".cs";
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{service} has no {file}");
        }
    }

    [Fact]
    public void Every_folder_and_shared_project_the_layout_page_names_exists()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "layout.md"));
        var projects = SharedProject().Matches(page).Select(m => m.Value).Distinct().ToList();
        Assert.Contains("shared/Platform.Commands", projects);
        Assert.All(projects, p => Assert.True(Directory.Exists(Path.Combine(Root, p)), $"docs/layout.md names {p}, which does not exist"));

        var aggregates = AggregateLine().Match(page);
        Assert.True(aggregates.Success, "docs/layout.md no longer lists the aggregate folders");
        var folders = FolderName().Matches(aggregates.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Staff", folders);
        var existing = Directory.GetDirectories(Path.Combine(Root, "services"), "*", SearchOption.AllDirectories)
            .Where(d => !d.Contains("/obj", StringComparison.Ordinal) && !d.Contains("/bin", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToHashSet();
        Assert.All(folders, f => Assert.True(existing.Contains(f), $"docs/layout.md names the folder {f}/, which no service has"));
    }

    /// <summary>
    /// Every event record (first field: the stream id) of a service's *Events.cs files is pinned with MapEventType in its
    /// store, each under a name of its own.
    /// </summary>
    [Theory]
    [MemberData(nameof(Services))]
    public void Every_event_type_is_pinned_under_a_stored_name(string service)
    {
        var folder = Path.Combine(Root, "services", service, service + ".Api");
        var declared = Directory.GetFiles(folder, "*Events.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => EventRecord().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(declared.Count >= 10, $"only {declared.Count} events found in {service}: the declarations changed shape");

        var store = File.ReadAllText(Path.Combine(folder, service + "Store.cs"));
        var pinned = PinnedEvent().Matches(store).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Empty(declared.Except(pinned));
        Assert.Equal(pinned.Count, PinnedName().Matches(store).Select(m => m.Groups[1].Value).Distinct().Count());
    }

    [GeneratedRegex(@"shared/Platform\.\w+")]
    private static partial Regex SharedProject();

    [GeneratedRegex(@"<Aggregate>/\s+one folder per aggregate[^\n]*\n[^\n]*")]
    private static partial Regex AggregateLine();

    [GeneratedRegex(@"\b([A-Z][A-Za-z]+)/")]
    private static partial Regex FolderName();

    [GeneratedRegex(@"public sealed record (\w+)\(\s*Guid (?:CourseId|ScreeningId)\b")]
    private static partial Regex EventRecord();

    [GeneratedRegex(@"MapEventType<(\w+)>\(")]
    private static partial Regex PinnedEvent();

    [GeneratedRegex(@"MapEventType<\w+>\(""([a-z_]+)""\)")]
    private static partial Regex PinnedName();
}
