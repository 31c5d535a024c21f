using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EndToEnd.Tests;

/// <summary>
/// Every GET of every service answers a response type declared for reading (in the service's <c>Queries</c>
/// namespace), never a write model: a field added to an aggregate or a command-written document, PHI included, must
/// not be published by default.
/// </summary>
public sealed class ReadModelResponseTests(Clinic clinic) : IClassFixture<Clinic>
{
    [Fact]
    public void Every_get_answers_a_read_model_declared_for_it()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var services in new[] { clinic.Screening.Services, clinic.Scheduling.Services, clinic.Integration.Services })
        {
            var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);
            foreach (var endpoint in endpoints)
            {
                var route = endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
                var ok = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().FirstOrDefault(m => m.StatusCode == StatusCodes.Status200OK);
                if (ok?.Type is not { } type || type == typeof(void))
                {
                    continue; // health, OpenAPI and the API browser: not records of the clinic
                }

                checkedCount++;
                var model = ElementOf(type);
                if (WhyNotAReadModel(model) is { } why)
                {
                    failures.Add($"GET {route} answers {model.FullName}: {why}");
                }
            }
        }

        Assert.True(checkedCount > 20, $"only {checkedCount} GETs were found: the endpoint metadata changed shape");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void The_check_recognises_a_write_model()
    {
        Assert.NotNull(WhyNotAReadModel(typeof(Scheduling.Api.Courses.TreatmentCourse)));
        Assert.NotNull(WhyNotAReadModel(typeof(Integration.Api.Courses.CourseOutcome)));
        Assert.NotNull(WhyNotAReadModel(typeof(Scheduling.Api.Resources.StaffMember)));
        Assert.Null(WhyNotAReadModel(typeof(Scheduling.Api.Queries.CourseView)));
    }

    private static string? WhyNotAReadModel(Type model)
    {
        if (model.GetMethod("Evolve", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic) is not null)
        {
            return "it is a write model (it folds its stream's events)";
        }

        // Shared answers (the access audit, operations) live in the shared projects; a service's own answers in Queries.
        var ns = model.Namespace ?? string.Empty;
        var isService = ns.StartsWith("Screening.Api", StringComparison.Ordinal) || ns.StartsWith("Scheduling.Api", StringComparison.Ordinal)
            || ns.StartsWith("Integration.Api", StringComparison.Ordinal);
        return isService && !ns.Contains(".Queries", StringComparison.Ordinal)
            ? "a service's GET answers a type declared in its Queries namespace"
            : null;
    }

    /// <summary>The item type of a page or list; the type itself otherwise.</summary>
    private static Type ElementOf(Type type)
    {
        if (type.IsGenericType && type.GetGenericArguments() is [var item]
            && (type.Name.StartsWith("Page", StringComparison.Ordinal) || typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
        {
            return ElementOf(item);
        }

        return type;
    }
}
