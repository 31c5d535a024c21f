using Platform.Contracts;

namespace Screening.Api.Screenings;

/// <summary>
/// A referral from another clinic system or an intake coordinator. <paramref name="PatientId"/> links the new
/// screening to an existing patient's history; omit it for a new patient.
/// </summary>
public sealed record ReferralRequest(
    string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientRequest Patient,
    Guid? PatientId = null);

/// <summary>The patient's identity (PHI): an email or a phone number, or both.</summary>
public sealed record PatientRequest(string FullName, DateOnly BirthDate, string? Email = null, string? Phone = null)
{
    public PatientIdentity ToIdentity() => new(FullName, BirthDate, Email, Phone);
}

/// <summary>The screening a referral opened (or the one a retried referral had already opened).</summary>
public sealed record ReferralAccepted(Guid Id, Guid PatientId, long Version);

/// <summary>
/// Opens a screening. The caller mints <paramref name="ScreeningId"/> (the stream id) and chooses
/// <paramref name="PatientId"/>: a new id, or an existing patient's id so screenings form a history.
/// </summary>
public sealed record ReferScreening(
    Guid ScreeningId,
    Guid PatientId,
    string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientIdentity Patient,
    Guid ReferredBy,
    string? ExternalReferenceDigest = null)
{
    /// <summary>
    /// Gives the new screening its data key and the sealed reference its keyed digest (what a search by identifier
    /// matches), before anything of the screening is written. Only for a command that passed <see cref="Validate"/>.
    /// </summary>
    public async Task<ReferScreening> WithKeyAsync(PatientKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await keys.EnsureAsync(ScreeningId, PatientId, ClinicScope.Current, cancellationToken);
        return this with { ExternalReferenceDigest = keys.Digest(ExternalReference.Trim()) };
    }

    public FieldErrors Validate(ClinicTime now)
    {
        var errors = new FieldErrors()
            .NotEmpty(ScreeningId, "screeningId")
            .NotEmpty(PatientId, "patientId")
            .RequiredText(ExternalReference, "externalReference")
            .RequiredText(ReferringClinician, "referringClinician")
            .Defined(Indication, "indication")
            .Defined(RequestedRoute, "requestedRoute");

        if (Patient is not { } patient)
        {
            return errors.Add("patient", "is required");
        }

        var today = now.Today;
        return errors
            .RequiredText(patient.FullName, "patient.fullName")
            .NotInFuture(patient.BirthDate, today, "patient.birthDate")
            .Require(patient.BirthDate > today.AddYears(-130), "patient.birthDate", "must be within the last 130 years")
            .Require(!string.IsNullOrWhiteSpace(patient.Email) || !string.IsNullOrWhiteSpace(patient.Phone), "patient.contact", "an email or a phone number is required")
            .OptionalText(patient.Email, "patient.email")
            .Require(patient.Email is null || patient.Email.Contains('@', StringComparison.Ordinal), "patient.email", "must be an email address")
            .OptionalText(patient.Phone, "patient.phone", 50);
    }

    public static Decision Decide(ReferScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (state is not null)
        {
            return Decision.Reject(RuleIds.CaseExists, "A screening with this id already exists.");
        }

        return ScreeningRules.AcceptWithEvaluation(
                state,
                now,
                protocol,
                new ScreeningReferred(
                    command.ScreeningId,
                    command.PatientId,
                    command.ExternalReference.Trim(),
                    command.ReferringClinician.Trim(),
                    command.Indication,
                    command.RequestedRoute,
                    command.Patient,
                    command.ReferredBy,
                    now.Utc,
                    command.ExternalReferenceDigest));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPost("/", Handle)
            .AsCommand(
                ScreeningRules.Tag, "Refer a patient for screening (requires an Idempotency-Key header: a retry returns the same screening)",
                Roles.System, Roles.Intake)
            .AcceptsIdempotencyKey()
            .WithRequestExample(new {
                externalReference = "EHR-20261207-0042",
                referringClinician = "Dr Rivera, Northside Psychiatry",
                indication = "TreatmentResistantDepression",
                requestedRoute = "IvKetamine",
                patient = new { fullName = "Alex Example", birthDate = "1985-06-01", email = "alex@example.org", phone = "+1-555-0100" },
            });

    private static async Task<Results<Created<ReferralAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        ReferralRequest request,
        Clinician clinician,
        HttpContext http,
        IDocumentSession session,
        ClinicClock clock,
        ScreeningProtocol protocol,
        PatientKeys keys,
        CancellationToken cancellationToken)
    {
        // The key is required: without it a retried referral would open a second screening for the same patient.
        if (IdempotencyKey.Read(http.Request) is not { } key)
        {
            return Problems.Invalid(IdempotencyKey.Header, "is required: send a unique key per referral and reuse it on retries");
        }

        var screeningId = IdempotencyKey.ToStreamId("screening-referral\n" + clinician.Subject, key);
        var command = new ReferScreening(
            screeningId,
            request.PatientId ?? Guid.CreateVersion7(),
            request.ExternalReference,
            request.ReferringClinician,
            request.Indication,
            request.RequestedRoute,
            request.Patient?.ToIdentity()!,
            clinician.Id);
        var now = OccurredAt.Now(http.Request, clock);
        var errors = command.Validate(now);

        // A retry with the same key is answered by the idempotency filter from the stored answer, before this runs.
        if (!errors.Any && request.PatientId is { } patientId && await PatientProblemAsync(session, patientId, command.Patient, cancellationToken) is { } refused)
        {
            return Problems.Rejected(refused, RuleStatuses.Of(http.RequestServices));
        }

        if (!errors.Any)
        {
            command = await command.WithKeyAsync(keys, cancellationToken);
        }

        return (await StreamCommands.AnswerAsync<ScreeningCase, ReferralAccepted>(
            session,
            http,
            screeningId,
            state => Decide(command, state, now, protocol),
            version => new ReferralAccepted(screeningId, command.PatientId, version),
            accepted => $"/screenings/{accepted.Id}",
            cancellationToken,
            errors)).Result switch {
                Created<ReferralAccepted> created => created,
                ValidationProblem invalid => invalid,
                ProblemHttpResult problem => problem,
                _ => throw new InvalidOperationException("A referral answers 201 or a problem."),
            };
    }

    /// <summary>
    /// A patient id names one person: an id no screening knows is refused (a typo would start a history nobody owns),
    /// and so is a known id sent with another name or birth date (one id, two identities). Contact details may change.
    /// </summary>
    private static async Task<Rejection?> PatientProblemAsync(IQuerySession session, Guid patientId, PatientIdentity patient, CancellationToken ct)
    {
        var known = await session.Query<ScreeningCase>().Where(s => s.PatientId == patientId).OrderBy(s => s.ReferredAt).FirstOrDefaultAsync(ct);
        if (known is null)
        {
            return new Rejection(RuleIds.UnknownPatient, $"No screening names patient {patientId}; omit patientId to refer a new patient.");
        }

        var same = string.Equals(known.Referral.Patient.FullName.Trim(), patient.FullName.Trim(), StringComparison.OrdinalIgnoreCase)
            && known.Referral.Patient.BirthDate == patient.BirthDate;
        return same
            ? null
            : new Rejection(RuleIds.PatientIdentityConflict, $"Patient {patientId} is on file with another name or birth date; check the patient id.");
    }
}
