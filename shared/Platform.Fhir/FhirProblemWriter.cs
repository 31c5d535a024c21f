using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Fhir;

/// <summary>
/// Answers every problem on a <c>/fhir</c> path as an OperationOutcome: those the FHIR endpoints do not shape
/// themselves too (401 and 403 from authentication, 415, 429, the audit's 503, an unhandled 500), so a FHIR client
/// never sees a problem+json body.
/// </summary>
public sealed class FhirProblemWriter : IProblemDetailsWriter
{
    public const string PathPrefix = "/fhir";

    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.Request.Path.StartsWithSegments(PathPrefix);
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        return new ValueTask(FhirResults.From(context.ProblemDetails, status).ExecuteAsync(http));
    }
}

public static class FhirServices
{
    /// <summary>
    /// Puts <see cref="FhirProblemWriter"/> before the default problem writer (the problem details service asks the
    /// writers in registration order), so it answers on /fhir paths whatever the Accept header.
    /// </summary>
    public static IServiceCollection AddFhir(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, FhirProblemWriter>());
        return services;
    }
}
