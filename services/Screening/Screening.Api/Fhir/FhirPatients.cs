using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Screening.Api.Queries;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// FHIR Patient: the patient's identity as the latest referral gave it (name and birth date never change for a patient
/// id; contact details may). The platform keeps no patient store: this is read from the screening documents, and the
/// version is the number of referrals, which grows each time a referral restates the identity.
/// </summary>
public static class FhirPatients
{
    /// <summary>The roles that read a patient's identity in the REST API (the screening detail): PHI, so no clinic systems.</summary>
    public static readonly string[] Roles = [Platform.ServiceDefaults.Auth.Roles.Intake, Platform.ServiceDefaults.Auth.Roles.Prescriber];

    public static readonly string[] SearchParameters = ["_id", "birthdate"];

    public static IEndpointRouteBuilder MapFhirPatients(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Patient/{patientId}", ReadAsync)
            .AsQuery(ScreeningFhir.Tag, "FHIR read of a Patient (id = the platform's patient id)", Roles);
        fhir.MapGet("/Patient", SearchAsync)
            .AsQuery(ScreeningFhir.Tag, "FHIR search of Patients: _id, birthdate (eq/ge/gt/le/lt), _count; a searchset Bundle", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string patientId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(patientId, out var id))
        {
            return FhirResults.NotFound("Patient", patientId);
        }

        var referrals = await ReferralsOf(session, [id], ct);
        if (referrals.Count == 0)
        {
            return FhirResults.NotFound("Patient", patientId);
        }

        AccessAudit.Saw(http, [id, .. referrals.Select(r => r.Id)]);
        return FhirResults.Read(ToPatient(referrals), referrals.Count);
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var id = search.Id("_id", null, errors);
        var birthDate = search.Date("birthdate", errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<ScreeningCase>().AsQueryable();
        if (id is { } only)
        {
            matching = matching.Where(s => s.PatientId == only);
        }

        int total;
        Page<Guid> page;
        if (birthDate is null)
        {
            var patients = matching.Select(s => s.PatientId).Distinct();
            total = await patients.CountAsync(ct);
            page = await patients.OrderBy(p => p).ToPageAsync(search.Page, ct);
        }
        else
        {
            // The birth date is sealed: SQL narrows by the readable year, the day is compared once read.
            if (birthDate.FirstDay is { } first)
            {
                matching = matching.Where(s => s.BirthYear >= first.Year);
            }

            if (birthDate.LastDay is { } last)
            {
                matching = matching.Where(s => s.BirthYear <= last.Year);
            }

            var patients = (await matching.ToListAsync(ct))
                .Where(s => (birthDate.FirstDay is not { } from || s.Referral.Patient.BirthDate >= from)
                    && (birthDate.LastDay is not { } to || s.Referral.Patient.BirthDate <= to))
                .Select(s => s.PatientId)
                .Distinct()
                .Order()
                .ToList();
            total = patients.Count;
            page = search.Page.Of([.. patients.Skip(search.Page.Offset).Take(search.Page.Fetch)]);
        }

        var referrals = (await ReferralsOf(session, [.. page.Items], ct)).ToLookup(r => r.PatientId);
        var resources = page.Items.Select(p => (Resource)ToPatient([.. referrals[p]])).ToList();
        AccessAudit.Saw(http, [.. page.Items, .. referrals.SelectMany(r => r).Select(r => r.Id)]);
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    /// <summary>The patients' screenings as the REST API's patient history shows them, oldest first.</summary>
    private static async Task<IReadOnlyList<ScreeningDetail>> ReferralsOf(IQuerySession session, Guid[] patientIds, CancellationToken ct) =>
        [.. (await session.Query<ScreeningCase>()
            .Where(s => s.PatientId.IsOneOf(patientIds))
            .OrderBy(s => s.ReferredAt)
            .ThenBy(s => s.Id)
            .ToListAsync(ct)).Select(s => ScreeningDetail.From(s, s.Version))];

    /// <summary>The identity of the latest referral (one patient's referrals, oldest first).</summary>
    internal static Patient ToPatient(IReadOnlyList<ScreeningDetail> referrals)
    {
        var latest = referrals[^1];
        var identity = latest.Referral.Patient;
        var patient = new Patient {
            Id = latest.PatientId.ToString(),
            Meta = new Meta { LastUpdated = latest.ReferredAt },
            Name = [new HumanName { Text = identity.FullName }],
            BirthDate = identity.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (identity.Email is { } email)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
        }

        if (identity.Phone is { } phone)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        }

        return patient;
    }
}
