using Screening.Api.Intake;
using Screening.Api.Patients;
using Screening.Api.Reporting;
using Screening.Api.ReviewQueue;
using Screening.Api.Screenings;
using Screening.Api.SignOff;

namespace Screening.Api;

public static class ScreeningEndpoints
{
    public static IEndpointRouteBuilder MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/screenings").WithTags("Screenings")
            .MapReferrals()
            .MapIntake()
            .MapSignOff()
            .MapScreeningQueries();
        return app
            .MapPatientHistory()
            .MapReviewQueue()
            .MapReporting();
    }
}
