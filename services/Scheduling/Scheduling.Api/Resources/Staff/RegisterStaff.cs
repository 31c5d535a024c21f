using System.ComponentModel.DataAnnotations;
using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api.Resources;

/// <summary>
/// A staff member as a scheduler sends one. <paramref name="StaffId"/>, on creation only: the person's id at another
/// clinic of the chain, to register them here too. Their bookings at every clinic are held under that one id, so they
/// are never double-booked across clinics.
/// </summary>
public sealed record StaffRequest(
    string DisplayName,
    StaffRole Role,
    MedicalKind? MedicalKind = null,
    [property: MaxLength(ResourceInput.MaxCredentials)] IReadOnlyList<Credential>? Credentials = null,
    bool Active = true,
    Guid? StaffId = null)
{
    public StaffMember ToMember(Guid id) => new(id, DisplayName?.Trim() ?? string.Empty, Role, MedicalKind, Credentials ?? [], Active);
}

/// <summary><c>POST /staff</c>: adds a therapist, medical professional or prescriber.</summary>
public static class RegisterStaff
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/staff", HandleAsync).AcceptsIdempotencyKey()
            .AsCommand("Staff", "Adds a therapist, medical professional or prescriber with credentials and their expiry", ResourceWrites.Writers)
            .WithoutBackEntry()
            .WithRequestExample(new {
                displayName = "Ben Okafor, CRNA",
                role = "MedicalProfessional",
                medicalKind = "Crna",
                credentials = new[] { new { kind = "License", identifier = "CRNA-5521", expiresOn = "2028-06-30" }, new { kind = "Acls", identifier = "ACLS-88", expiresOn = "2027-11-30" } },
            });

    private static async Task<Results<Created<Created>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        StaffRequest body, Clinician by, [AsParameters] CommandContext context, IDocumentStore store, ClinicDatabases databases)
    {
        var id = body.StaffId ?? ResourceWrites.NewId(context, "staff");
        var member = body.ToMember(id);
        var errors = new FieldErrors().StaffMember(member);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (body.StaffId is { } shared && await DatabaseHoldingAsync(store, databases, shared, context.Cancellation) is { } other)
        {
            return Problems.Rejected(new Rejection(
                RuleIds.StaffInOtherDatabase,
                $"Staff member {shared} works at a clinic whose records are in the database '{other}'. Bookings are kept apart from "
                + "double-booking per database, so a person can be shared only by clinics in the same Database:Groups group: "
                + "move the clinics into one group, or register the person here under a new id."),
                StatusCodes.Status409Conflict);
        }

        return await ResourceWrites.CreateAsync(context, by, id, "staff", member, $"/staff/{id}");
    }

    /// <summary>Another database (ClinicDatabases) in which some clinic has registered <paramref name="staffId"/>, if any.</summary>
    private static async Task<string?> DatabaseHoldingAsync(IDocumentStore store, ClinicDatabases databases, Guid staffId, CancellationToken ct)
    {
        var here = databases.NameOf(ClinicScope.Current);
        foreach (var name in databases.ConnectionStrings.Keys.Where(name => name != here))
        {
            await using var session = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(await store.Storage.FindOrCreateDatabase(name)));
            if (await session.Query<StaffMember>().AnyAsync(s => s.AnyTenant() && s.Id == staffId, ct))
            {
                return name;
            }
        }

        return null;
    }
}
