using JasperFx;

namespace Scheduling.Api.Resources;

public enum StaffRole
{
    Therapist,
    MedicalProfessional,
    Prescriber,
}

/// <summary>Which kind of clinician sits a dosing session as the medical professional.</summary>
public enum MedicalKind
{
    Crna,
    Anesthesiologist,
    MdDo,
    Np,
}

public enum CredentialKind
{
    /// <summary>The professional licence (state licence for therapists, medical licence, nursing licence).</summary>
    License,
    Acls,
    Bls,
    Pals,
    DeaRegistration,
}

/// <summary>A credential is valid up to and including <see cref="ExpiresOn"/>, a date in the clinic's time zone.</summary>
public sealed record Credential(CredentialKind Kind, DateOnly ExpiresOn, string? Identifier = null);

public sealed record StaffMember(
    Guid Id,
    string DisplayName,
    StaffRole Role,
    MedicalKind? MedicalKind,
    IReadOnlyList<Credential> Credentials,
    bool Active = true) : ILongVersioned
{
    /// <summary>
    /// The revision Marten keeps for this document (numeric revisions): sent as its ETag, so a PUT with If-Match
    /// replaces only the version the scheduler read (<see cref="ResourceWrites.ReplaceAsync{T, TView}"/>).
    /// </summary>
    public long Version { get; set; }

    /// <summary>
    /// A prescriber who is an MD/DO or NP may also sit a dosing session as the medical professional;
    /// a therapist never may.
    /// </summary>
    public bool CanSitAsMedicalProfessional =>
        Role == StaffRole.MedicalProfessional
        || (Role == StaffRole.Prescriber && MedicalKind is Resources.MedicalKind.MdDo or Resources.MedicalKind.Np);

    public bool CanSitAsTherapist => Role == StaffRole.Therapist;

    /// <summary>The latest expiry among credentials of this kind (a renewal is simply a second entry).</summary>
    public DateOnly? ExpiryOf(CredentialKind kind)
    {
        DateOnly? latest = null;
        foreach (var credential in Credentials)
        {
            if (credential.Kind == kind && (latest is null || credential.ExpiresOn > latest))
            {
                latest = credential.ExpiresOn;
            }
        }

        return latest;
    }
}

public sealed record Room(Guid Id, string Name, bool Active = true) : ILongVersioned
{
    /// <summary>
    /// The revision Marten keeps for this document (numeric revisions): sent as its ETag, so a PUT with If-Match
    /// replaces only the version the scheduler read (<see cref="ResourceWrites.ReplaceAsync{T, TView}"/>).
    /// </summary>
    public long Version { get; set; }
}

/// <summary>
/// What the decide functions need to know about a staff member for one booking: who they are and when they
/// are available (already converted to UTC and with their other bookings left in: double-booking is the
/// database's job).
/// </summary>
public sealed record StaffFacts(StaffMember Member, IReadOnlyList<UtcInterval> Availability);

public sealed record RoomFacts(Room Room, IReadOnlyList<UtcInterval> Availability);

/// <summary>The resources named by a booking command, looked up by the caller.</summary>
public sealed record BookingResources(StaffFacts Therapist, StaffFacts? MedicalProfessional = null, RoomFacts? Room = null);
