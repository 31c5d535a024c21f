using System.ComponentModel.DataAnnotations;

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

    private static async Task<Results<Created<Created>, ValidationProblem>> HandleAsync(
        StaffRequest body, Clinician by, [AsParameters] CommandContext context)
    {
        var id = body.StaffId ?? ResourceWrites.NewId(context, "staff");
        var member = body.ToMember(id);
        var errors = new FieldErrors().StaffMember(member);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await ResourceWrites.CreateAsync(context, by, id, "staff", member, $"/staff/{id}");
    }
}
