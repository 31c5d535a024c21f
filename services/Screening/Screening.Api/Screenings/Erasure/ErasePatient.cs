using Microsoft.AspNetCore.Mvc;
using Screening.Api.Queries;

namespace Screening.Api.Screenings;

/// <summary>
/// A privacy officer's erasure of a patient at this clinic: <paramref name="Reason"/> (the request being honoured; no
/// PHI in it) and, before the records' retention has run out, <paramref name="LegalBasis"/> (the law or order that
/// allows erasing them earlier).
/// </summary>
public sealed record ErasureRequest(string? Reason, string? LegalBasis = null);

/// <summary>
/// Erasure by crypto-shredding: every data key of the patient's screenings and courses at this clinic is destroyed, so
/// every sealed copy of their PHI (events, documents, messages, backups) becomes unreadable at once, while the streams
/// stay valid, projections rebuild and the de-identified analyst tables keep their rows (docs/privacy.md).
/// </summary>
public sealed record ErasePatient(Guid PatientId, string Reason, string? LegalBasis, string ErasedBy)
{
    public const int MaxTextLength = 1000;

    public FieldErrors Validate() =>
        new FieldErrors()
            .NotEmpty(PatientId, "patientId")
            .RequiredText(Reason, "reason", MaxTextLength)
            .OptionalText(LegalBasis, "legalBasis", MaxTextLength);

    /// <summary>
    /// The last day the patient's records must be kept: <see cref="ClinicalProtocol.RecordRetentionYears"/> after the
    /// later of their last treatment and their 18th birthday. Screening does not see the doses, so the last treatment
    /// is taken at its latest possible day: the last change of any screening, or the end of its approval's validity,
    /// after which no dose is given under it.
    /// </summary>
    public static DateOnly RetentionUntil(IReadOnlyList<ScreeningCase> screenings, ClinicTime now, int years)
    {
        var lastTreatment = screenings.Max(s => s.Approval?.ValidUntil is { } validUntil && validUntil > s.LastChangedAt ? validUntil : s.LastChangedAt);
        var last = now.DateOf(lastTreatment);
        var majority = screenings.Max(s => s.Referral.Patient.BirthDate).AddYears(18);
        return (last > majority ? last : majority).AddYears(years);
    }

    /// <summary>The refusal of an erasure, or null with the retention it was decided against.</summary>
    public static Rejection? Decide(ErasePatient command, IReadOnlyList<ScreeningCase> screenings, ClinicTime now, ScreeningProtocol protocol, out DateOnly retentionUntil)
    {
        retentionUntil = RetentionUntil(screenings, now, protocol.Clinic.RecordRetentionYears);
        if (screenings.FirstOrDefault(s => !s.IsClosed) is { } open)
        {
            return new Rejection(RuleIds.ErasureOpenScreening, $"Screening {open.Id} is still open ({open.Status}); decline it before erasing the patient.");
        }

        return now.Today <= retentionUntil && string.IsNullOrWhiteSpace(command.LegalBasis)
            ? new Rejection(
                RuleIds.ErasureBeforeRetention,
                $"The patient's records must be kept until {retentionUntil:yyyy-MM-dd} ({protocol.Clinic.RecordRetentionYears} years after the last treatment, "
                + "or after the 18th birthday for a minor); record the legal basis (legalBasis) to erase them earlier.")
            : null;
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder privacy) =>
        privacy.MapPost("/patients/{patientId:guid}/erasure", Handle)
            .AsCommand(
                ErasureEndpoints.Tag,
                "Erase a patient's PHI at this clinic by destroying their data keys (crypto-shredding); a repeat answers the first erasure",
                Roles.PrivacyOfficer);

    private static async Task<Results<Ok<Erasure>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid patientId, ErasureRequest body, Clinician clinician, IQuerySession session, PatientKeys keys, ClinicClock clock, ScreeningProtocol protocol,
        HttpContext http, CancellationToken cancellationToken)
    {
        var command = new ErasePatient(patientId, body.Reason?.Trim() ?? string.Empty, string.IsNullOrWhiteSpace(body.LegalBasis) ? null : body.LegalBasis.Trim(), clinician.Subject);
        if (command.Validate() is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var clinic = ClinicScope.Current;
        if ((await keys.ErasuresAsync(clinic, patientId, 0, 1, cancellationToken)) is [var earlier])
        {
            return TypedResults.Ok(earlier);
        }

        var screenings = await session.Query<ScreeningCase>().Where(s => s.PatientId == patientId).ToListAsync(cancellationToken);
        if (screenings.Count == 0)
        {
            return Problems.Rejected(new Rejection(RuleIds.UnknownPatient, $"No screening at this clinic names patient {patientId}."), StatusCodes.Status404NotFound);
        }

        AccessAudit.Saw(http, [patientId, .. screenings.Select(s => s.Id)]);
        var now = clock.Now();
        if (Decide(command, [.. screenings], now, protocol, out var retentionUntil) is { } refused)
        {
            return Problems.Rejected(refused, RuleStatuses.Of(http.RequestServices));
        }

        // The keys of every screening and course of the patient, also those whose key was made without knowing the patient.
        var subjects = screenings.SelectMany(s => s.Approval is { } approval ? new[] { s.Id, approval.CourseId } : [s.Id]).ToList();
        return TypedResults.Ok(await keys.EraseAsync(
            new Erasure(clinic, patientId, now.Utc, command.ErasedBy, command.Reason, command.LegalBasis, retentionUntil, KeysDestroyed: 0),
            subjects,
            cancellationToken));
    }
}

/// <summary>The privacy officer's endpoints under <c>/privacy</c>: erasing a patient, the record of erasures, the retention review, amendments and their log.</summary>
public static class ErasureEndpoints
{
    public const string Tag = "Privacy";

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var privacy = app.MapGroup("/privacy");
        ErasePatient.Map(privacy);
        RetentionReview.Map(privacy);
        AmendRecord.Map(privacy);
        RefuseAmendment.Map(privacy);
        AmendmentLog.Map(privacy);
        privacy.MapGet("/erasures", ListAsync)
            .AsQuery(Tag, "The clinic's erasures, newest first: who erased which patient, when, why, on what legal basis; paged", Roles.PrivacyOfficer);
        return app;
    }

    private static async Task<Results<Ok<Page<Erasure>>, ValidationProblem>> ListAsync(
        [FromQuery] Guid? patientId, [FromQuery] int? limit, [FromQuery] string? cursor, PatientKeys keys, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(page.Of(await keys.ErasuresAsync(ClinicScope.Current, patientId, page.Offset, page.Fetch, cancellationToken)));
    }
}
