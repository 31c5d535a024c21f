using Platform.Fhir;

namespace Screening.Api.Fhir;

/// <summary>The FHIR resources Screening owns, under /fhir (the gateway routes Patient and ServiceRequest here).</summary>
public static class ScreeningFhir
{
    public const string Tag = "FHIR";

    public static IEndpointRouteBuilder MapScreeningFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup(FhirProblemWriter.PathPrefix);
        fhir.MapFhirPatients();
        fhir.MapFhirServiceRequests();
        return app;
    }
}
