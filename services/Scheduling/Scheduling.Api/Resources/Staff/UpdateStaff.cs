namespace Scheduling.Api.Resources;

/// <summary>
/// <c>PUT /staff/{staffId}</c>: replaces a staff member's role, medical kind, credentials and active flag; conditional on
/// If-Match (the ETag of <c>GET /staff/{staffId}</c>) when sent.
/// </summary>
public static class UpdateStaff
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/staff/{staffId:guid}", HandleAsync)
            .AsCommand("Staff", "Replaces a staff member's role, medical kind, credentials and active flag", ResourceWrites.Writers)
            .WithoutBackEntry();

    private static async Task<Results<Ok<StaffView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid staffId, StaffRequest body, Clinician by, [AsParameters] CommandContext context)
    {
        if (body.StaffId is { } named && named != staffId)
        {
            return Problems.Invalid("staffId", "is only for registering a person of the chain at this clinic; leave it out or name the staff member of the path.");
        }

        if (await context.Session.LoadAsync<StaffMember>(staffId, context.Cancellation) is not { } before)
        {
            return Problems.NotFound($"Staff member {staffId}");
        }

        var member = body.ToMember(staffId);
        var errors = new FieldErrors().StaffMember(member);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await ResourceWrites.ReplaceAsync(context, by, staffId, "staff", before, member, StaffView.From);
    }
}
