using Hl7.Fhir.Model;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Platform.Gateway;

/// <summary>
/// <c>_include</c> on any search through the gateway: the referenced resources a client needs with its matches (an
/// Appointment's patient, practitioners and room; an Observation's patient) in the same Bundle, with search mode
/// <c>include</c>. The referenced resource may live in another service, so the gateway answers it: the search goes
/// to the owners without <c>_include</c> (<see cref="FhirFanOut"/>), then each distinct reference of the page is read
/// from its owner with the caller's token, so each owner applies its roles and writes its access-audit rows. A
/// reference the caller may not read, or that is not found, is left out with a warning in the Bundle's outcome entry.
/// </summary>
public static class FhirIncludes
{
    public const string Parameter = "_include";

    /// <summary>How many includes are read at once: a page of 200 matches may name as many resources.</summary>
    private const int Parallel = 8;

    /// <summary>Per resource type: the <c>_include</c> parameters it supports and the types each reference may name.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> Table = new Dictionary<string, IReadOnlyDictionary<string, string[]>> {
        ["ServiceRequest"] = Patient("patient"),
        ["Observation"] = Patient("patient", "subject"),
        ["QuestionnaireResponse"] = Patient("patient", "subject"),
        ["Condition"] = Patient("patient", "subject"),
        ["MedicationStatement"] = Patient("patient", "subject"),
        ["DetectedIssue"] = Patient("patient"),
        ["PractitionerRole"] = new Dictionary<string, string[]> { ["practitioner"] = ["Practitioner"] },
        ["Schedule"] = new Dictionary<string, string[]> { ["actor"] = ["Practitioner", "Location"] },
        ["Slot"] = new Dictionary<string, string[]> { ["schedule"] = ["Schedule"] },
        ["Appointment"] = new Dictionary<string, string[]> { ["patient"] = ["Patient"], ["practitioner"] = ["Practitioner"], ["location"] = ["Location"] },
        ["Encounter"] = new Dictionary<string, string[]> {
            ["patient"] = ["Patient"],
            ["subject"] = ["Patient"],
            ["practitioner"] = ["Practitioner"],
            ["location"] = ["Location"],
            ["appointment"] = ["Appointment"],
        },
        ["AdverseEvent"] = Patient("subject"),
        ["Flag"] = Patient("patient", "subject"),
        ["EpisodeOfCare"] = Patient("patient"),
    };

    /// <summary>The <c>_include</c> values of a type as the CapabilityStatement lists them (<c>Appointment:patient</c>).</summary>
    public static IEnumerable<string> Of(string type) =>
        Table.TryGetValue(type, out var includes) ? includes.Keys.Select(p => $"{type}:{p}") : [];

    /// <summary>
    /// Answers a search with <c>_include</c> (any type, one owner or several); every other request goes on. The search
    /// itself is strict as everywhere: an include the type does not support is a 400 naming it.
    /// </summary>
    public static WebApplication UseFhirIncludes(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (http, next) =>
        {
            var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (!HttpMethods.IsGet(http.Request.Method) || !http.Request.Query.ContainsKey(Parameter) || segments is not ["fhir", var type]
                || FhirRoutes.Table.All(r => r.Type != type))
            {
                await next(http);
                return;
            }

            var clients = http.RequestServices.GetRequiredService<IHttpClientFactory>();
            var configuration = http.RequestServices.GetRequiredService<IConfiguration>();
            var owners = FhirRoutes.Table.Where(r => r.Type == type).ToList();
            var result = await FhirFanOut.SearchAsync(http, type, owners, clients.CreateClient(FhirFanOut.HttpClientName), service => configuration[$"Services:{service}"]!);
            await result.ExecuteAsync(http);
        });
        return app;
    }

    /// <summary>The target types the request's <c>_include</c> values name, or the 400 naming the first it does not support.</summary>
    internal static (HashSet<string>? Targets, IResult? Refused) Targets(HttpRequest request, string type)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        var supported = Table.GetValueOrDefault(type) ?? new Dictionary<string, string[]>();
        foreach (var value in request.Query[Parameter])
        {
            var parts = (value ?? string.Empty).Split(':');
            if (parts.Length is < 2 or > 3 || parts[0] != type || !supported.TryGetValue(parts[1], out var named)
                || (parts.Length == 3 && !named.Contains(parts[2])))
            {
                var known = Of(type).ToList();
                return (null, FhirResults.Outcome(
                    StatusCodes.Status400BadRequest,
                    $"'{value}' is not supported; use {(known.Count == 0 ? "no _include on " + type : string.Join(", ", known))} (optionally :TargetType)",
                    Platform.Contracts.InputRules.InvalidValue,
                    Parameter));
            }

            targets.UnionWith(parts.Length == 3 ? [parts[2]] : named);
        }

        return (targets, null);
    }

    /// <summary>
    /// Reads the resources the matches refer to (of the target types, each once, not the matches themselves), from
    /// their owners with the caller's token; what cannot be read is a warning issue.
    /// </summary>
    internal static async Task<(List<Resource> Included, List<OperationOutcome.IssueComponent> Warnings)> ReadAsync(
        HttpContext http, IEnumerable<Resource> matches, HashSet<string> targets, HttpMessageInvoker client, Func<string, string> baseUrlOf)
    {
        var found = matches.ToList();
        var own = found.Select(r => $"{r.TypeName}/{r.Id}").ToHashSet(StringComparer.Ordinal);
        var wanted = found.SelectMany(References)
            .Select(r => r.Reference?.Split('/'))
            .Where(p => p is [var t, var id] && targets.Contains(t) && id.Length > 0)
            .Select(p => (Type: p![0], Id: p[1]))
            .Where(r => !own.Contains($"{r.Type}/{r.Id}"))
            .Distinct()
            .ToList();
        var included = new List<Resource>();
        var warnings = new List<OperationOutcome.IssueComponent>();
        await System.Threading.Tasks.Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = http.RequestAborted }, async (reference, _) =>
        {
            var owner = FhirRoutes.Table.FirstOrDefault(r => r.Type == reference.Type && (r.IdPrefix is null || reference.Id.StartsWith(r.IdPrefix, StringComparison.Ordinal)));
            var answer = owner is null ? null : await FhirFanOut.AskAsync(
                http, reference.Type, owner.Service, $"/fhir/{reference.Type}/{Uri.EscapeDataString(reference.Id)}", client, baseUrlOf, search: false);
            lock (included)
            {
                if (answer is { Status: StatusCodes.Status200OK })
                {
                    included.Add(FhirJson.Parse<Resource>(answer.Body));
                }
                else
                {
                    warnings.Add(new OperationOutcome.IssueComponent {
                        Severity = OperationOutcome.IssueSeverity.Warning,
                        Code = answer?.Status == StatusCodes.Status403Forbidden ? OperationOutcome.IssueType.Forbidden : OperationOutcome.IssueType.NotFound,
                        Diagnostics = $"{reference.Type}/{reference.Id} is not included: its owner answered {answer?.Status ?? StatusCodes.Status404NotFound}.",
                    });
                }
            }
        });

        // Parallel reads finish in any order: the Bundle lists the includes in a stable one.
        return ([.. included.OrderBy(r => r.TypeName, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)], warnings);
    }

    /// <summary>Every reference in a resource, at any depth, except inside contained resources (those are answered with it).</summary>
    private static IEnumerable<ResourceReference> References(Base node)
    {
        foreach (var (_, value) in node.EnumerateElements())
        {
            IEnumerable<Base> children = value switch {
                Resource => [],
                Base one => [one],
                IEnumerable<Base> many => many.Where(b => b is not Resource),
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is ResourceReference reference)
                {
                    yield return reference;
                }

                foreach (var inner in References(child))
                {
                    yield return inner;
                }
            }
        }
    }

    private static Dictionary<string, string[]> Patient(params string[] parameters) => parameters.ToDictionary(p => p, _ => new[] { "Patient" });
}
