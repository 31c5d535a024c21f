using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Contracts;
using Platform.Fhir;
using Screening.Api.Queries;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// FHIR ServiceRequest: the referral for screening. A create runs the REST referral's command (<see cref="ReferScreening"/>:
/// the same Validate, Decide and write path); its <c>identifier</c> (system|value) is the referral's external reference
/// and names the screening stream, so an EHR's retry finds the screening it already opened (200) instead of opening a
/// second. Reads and searches map the screening documents.
/// </summary>
public static class FhirServiceRequests
{
    /// <summary>As the REST referral: clinic systems (the EHR) and intake coordinators.</summary>
    public static readonly string[] CreateRoles = [Roles.System, Roles.Intake];

    /// <summary>As the REST referral status: clinic systems read it too, without the clinical codes (minimum necessary).</summary>
    public static readonly string[] ReadRoles = [Roles.Intake, Roles.Prescriber, Roles.System];

    public static readonly string[] SearchParameters = ["_id", "identifier", "patient", "subject", "status", "_lastUpdated"];

    public const string IndicationSystem = FhirCodeSystems.Base + "indication";
    public const string RouteSystem = FhirCodeSystems.Base + "treatment-route";

    /// <summary>The contained Patient a new patient's referral carries: <c>subject.reference = "#p"</c>.</summary>
    public const string ContainedPatient = "#p";

    public static IEndpointRouteBuilder MapFhirServiceRequests(this IEndpointRouteBuilder fhir)
    {
        fhir.MapPost("/ServiceRequest", CreateAsync)
            .AsCommand(
                ScreeningFhir.Tag,
                "FHIR create of a referral (conditional on identifier: a retry answers the existing one with 200); subject Patient/{id} or a contained #p",
                CreateRoles)
            // Both JSON media types: routing answers 415 (before authentication) to any other, and FHIR clients send either.
            .Accepts<object>(FhirJson.MediaType, "application/json")
            .WithRequestExample(new {
                resourceType = "ServiceRequest",
                contained = new[] {
                    new {
                        resourceType = "Patient",
                        id = "p",
                        name = new[] { new { text = "Alex Example" } },
                        birthDate = "1985-06-01",
                        telecom = new[] { new { system = "email", value = "alex@example.org" } },
                    },
                },
                identifier = new[] { new { system = "https://ehr.northside.example/referrals", value = "EHR-20261207-0042" } },
                status = "active",
                intent = "order",
                code = new { coding = new[] { new { system = RouteSystem, code = "IvKetamine" } } },
                reasonCode = new[] { new { coding = new[] { new { system = IndicationSystem, code = "TreatmentResistantDepression" } } } },
                subject = new { reference = ContainedPatient },
                requester = new { display = "Dr Rivera, Northside Psychiatry" },
            });
        fhir.MapGet("/ServiceRequest/{screeningId}", ReadAsync)
            .AsQuery(ScreeningFhir.Tag, "FHIR read of a referral (id = the screening id)", ReadRoles);
        fhir.MapGet("/ServiceRequest", SearchAsync)
            .AsQuery(ScreeningFhir.Tag, "FHIR search of referrals: _id, identifier, patient/subject, status, _lastUpdated, _count", ReadRoles);
        return fhir;
    }

    private static async Task<FhirResult> CreateAsync(
        HttpContext http, Clinician clinician, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, PatientKeys keys, CancellationToken ct)
    {
        var (request, unreadable) = await FhirBody.ReadAsync<ServiceRequest>(http.Request);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = new FieldErrors();
        var identifier = IdentifierOf(request, http.Request, errors);
        var indication = Code<Indication>(request.ReasonCode.FirstOrDefault(), IndicationSystem, "ServiceRequest.reasonCode", errors);
        var route = Code<TreatmentRoute>(request.Code, RouteSystem, "ServiceRequest.code", errors);
        var (patientId, patient) = await SubjectAsync(request, session, errors, ct);
        if (errors.Any || identifier is null)
        {
            return FhirResults.Invalid(errors);
        }

        if (patient is null)
        {
            return FhirResults.FromProblem(Problems.Rejected(
                new Rejection(RuleIds.UnknownPatient, $"No screening names patient {patientId}; send a contained Patient ({ContainedPatient}) to refer a new patient."),
                RuleStatuses.Of(http.RequestServices)));
        }

        // Like the REST referral's Idempotency-Key, the identifier names the stream: one screening per clinic and identifier.
        var screeningId = IdempotencyKey.ToStreamId("fhir-service-request\n" + ClinicScope.Of(http), identifier);
        if (await session.LoadAsync<ScreeningCase>(screeningId, ct) is { } existing)
        {
            return Existing(http, existing, clinician);
        }

        var command = new ReferScreening(
            screeningId, patientId, identifier, request.Requester?.Display ?? string.Empty, indication, route, patient, clinician.Id);
        var now = OccurredAt.Now(http.Request, clock);
        var invalid = FhirFields(command.Validate(now));
        if (!invalid.Any)
        {
            command = await command.WithKeyAsync(keys, ct);
        }

        var answer = (await StreamCommands.AnswerAsync<ScreeningCase, ReferralAccepted>(
            session,
            http,
            screeningId,
            state => ReferScreening.Decide(command, state, now, protocol),
            version => new ReferralAccepted(screeningId, command.PatientId, version),
            accepted => $"ServiceRequest/{accepted.Id}",
            ct,
            invalid)).Result;
        if (answer is ProblemHttpResult { ProblemDetails.Extensions: var extensions } && extensions.TryGetValue(Problems.RuleIdKey, out var rule)
            && rule?.ToString() == RuleIds.CaseExists && await session.LoadAsync<ScreeningCase>(screeningId, ct) is { } raced)
        {
            return Existing(http, raced, clinician); // a concurrent retry committed first
        }

        if (answer is not Created<ReferralAccepted>)
        {
            return FhirResults.FromProblem(answer);
        }

        var created = await session.LoadAsync<ScreeningCase>(screeningId, ct)
            ?? throw new InvalidOperationException($"Screening {screeningId} was committed but cannot be read back.");
        return FhirResults.Created(http.Request, ToServiceRequest(ScreeningDetail.From(created, created.Version), Clinical(clinician)), created.Version, existed: false);
    }

    private static FhirResult Existing(HttpContext http, ScreeningCase existing, Clinician clinician)
    {
        AccessAudit.Saw(http, [existing.Id, existing.PatientId]);
        return FhirResults.Created(http.Request, ToServiceRequest(ScreeningDetail.From(existing, existing.Version), Clinical(clinician)), existing.Version, existed: true);
    }

    private static async Task<FhirResult> ReadAsync(string screeningId, IQuerySession session, HttpContext http, Clinician clinician, CancellationToken ct)
    {
        if (!Guid.TryParse(screeningId, out var id) || await session.LoadAsync<ScreeningCase>(id, ct) is not { } screening)
        {
            return FhirResults.NotFound("ServiceRequest", screeningId);
        }

        AccessAudit.Saw(http, [screening.Id, screening.PatientId]);
        return FhirResults.Read(ToServiceRequest(ScreeningDetail.From(screening, screening.Version), Clinical(clinician)), screening.Version);
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, Clinician clinician, PatientKeys keys, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var id = search.Id("_id", null, errors);
        var patient = search.Id("patient", "Patient", errors) ?? search.Id("subject", "Patient", errors);
        var updated = search.Date("_lastUpdated", errors);
        var identifier = search["identifier"];
        var statuses = StatusesOf(search["status"], errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<ScreeningCase>().AsQueryable();
        if (id is { } only)
        {
            matching = matching.Where(s => s.Id == only);
        }

        if (patient is { } patientId)
        {
            matching = matching.Where(s => s.PatientId == patientId);
        }

        if (identifier is not null)
        {
            // Sealed since PHI sealing; the readable reference of a screening referred before it still matches.
            var digest = keys.Digest(identifier.Trim());
            matching = matching.Where(s => s.ExternalReferenceDigest == digest || s.Referral.ExternalReference == identifier);
        }

        if (statuses is not null)
        {
            matching = matching.Where(s => s.Status.IsOneOf(statuses));
        }

        if (updated?.From is { } from)
        {
            matching = matching.Where(s => s.LastChangedAt >= from);
        }

        if (updated?.To is { } to)
        {
            matching = matching.Where(s => s.LastChangedAt < to);
        }

        var total = await matching.CountAsync(ct);
        var page = await matching.OrderBy(s => s.ReferredAt).ThenBy(s => s.Id).ToPageAsync(search.Page, ct);
        AccessAudit.Saw(http, page.Items.SelectMany(s => new[] { s.Id, s.PatientId }));
        var resources = page.Items.Select(s => (Resource)ToServiceRequest(ScreeningDetail.From(s, s.Version), Clinical(clinician))).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    /// <summary>The clinical codes (indication, route) are for clinicians; clinic systems read what the REST status shows.</summary>
    private static bool Clinical(Clinician clinician) => clinician.Role is Roles.Intake or Roles.Prescriber;

    internal static ServiceRequest ToServiceRequest(ScreeningDetail screening, bool clinical)
    {
        var request = new ServiceRequest {
            Id = screening.Id.ToString(),
            Meta = new Meta { LastUpdated = screening.LastChangedAt },
            Identifier = [IdentifierFrom(screening.Referral.ExternalReference)],
            Status = StatusOf(screening.Status),
            Intent = RequestIntent.Order,
            Subject = new ResourceReference($"Patient/{screening.PatientId}"),
            AuthoredOn = screening.ReferredAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            Requester = new ResourceReference { Display = screening.Referral.ReferringClinician },
        };
        if (clinical)
        {
            request.Code = new CodeableConcept(RouteSystem, screening.Referral.RequestedRoute.ToString(), Display(screening.Referral.RequestedRoute.ToString()));
            request.ReasonCode.Add(new CodeableConcept(IndicationSystem, screening.Referral.Indication.ToString(), Display(screening.Referral.Indication.ToString())));
        }

        return request;
    }

    /// <summary>
    /// Open screenings are active requests; an approval or a decline fulfils the request (the screening was done);
    /// a screening closed for re-screening is revoked (a new referral is needed).
    /// </summary>
    internal static RequestStatus StatusOf(ScreeningStatus status) => status switch {
        ScreeningStatus.Referred or ScreeningStatus.InProgress or ScreeningStatus.AwaitingSignOff => RequestStatus.Active,
        ScreeningStatus.Approved or ScreeningStatus.Declined => RequestStatus.Completed,
        ScreeningStatus.ReScreeningRequired => RequestStatus.Revoked,
        _ => RequestStatus.Unknown,
    };

    private static ScreeningStatus[]? StatusesOf(string? status, FieldErrors errors)
    {
        if (status is null)
        {
            return null;
        }

        var wanted = status.Split(',', StringSplitOptions.TrimEntries);
        var known = Enum.GetValues<ScreeningStatus>().Select(s => (Status: s, Code: StatusOf(s).ToString().ToLowerInvariant())).ToList();
        var unknown = wanted.Where(w => known.All(k => k.Code != w)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("status", $"'{string.Join(",", unknown)}' is not a status referrals take; use active, completed or revoked");
            return null;
        }

        return [.. known.Where(k => wanted.Contains(k.Code)).Select(k => k.Status)];
    }

    /// <summary>
    /// The referral's one identifier as "system|value" (both required: without a system two EHRs could send the same
    /// value). An If-None-Exist header must name the same identifier: the create is conditional on it either way.
    /// </summary>
    private static string? IdentifierOf(ServiceRequest request, HttpRequest http, FieldErrors errors)
    {
        if (request.Identifier is not [{ System: { Length: > 0 } system, Value: { Length: > 0 } value }])
        {
            errors.Add("ServiceRequest.identifier", "exactly one identifier with a system and a value is required (the referral's id in the sending system)");
            return null;
        }

        var identifier = $"{system}|{value}";
        var condition = http.Headers["If-None-Exist"].ToString();
        if (condition.Length > 0 && condition != "identifier=" + identifier && Uri.UnescapeDataString(condition) != "identifier=" + identifier)
        {
            errors.Add("If-None-Exist", $"only 'identifier={identifier}' (the body's identifier) is supported");
        }

        return identifier;
    }

    /// <summary>A referral made through the REST API has a free external reference; one made through FHIR keeps "system|value".</summary>
    private static Identifier IdentifierFrom(string externalReference)
    {
        var bar = externalReference.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && Uri.IsWellFormedUriString(externalReference[..bar], UriKind.Absolute)
            ? new Identifier(externalReference[..bar], externalReference[(bar + 1)..])
            : new Identifier { Value = externalReference };
    }

    /// <summary>The platform's enum from a coding of its local code system; an error naming the element otherwise.</summary>
    private static TEnum Code<TEnum>(CodeableConcept? concept, string system, string element, FieldErrors errors)
        where TEnum : struct, Enum
    {
        var code = concept?.Coding.FirstOrDefault(c => c.System == system)?.Code;
        if (code is not null && Enum.TryParse<TEnum>(code, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsDigit(code[0]))
        {
            return value;
        }

        errors.Add(element, $"a coding of {system} is required, one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        return default;
    }

    /// <summary>
    /// The patient the referral is for: an existing <c>Patient/{id}</c> (its identity as the screenings have it: a
    /// FHIR client cannot restate it) or the contained <c>#p</c> for a new patient (a new id). A null identity is an
    /// unknown patient id.
    /// </summary>
    private static async Task<(Guid PatientId, PatientIdentity? Identity)> SubjectAsync(
        ServiceRequest request, IQuerySession session, FieldErrors errors, CancellationToken ct)
    {
        var reference = request.Subject?.Reference;
        if (reference == ContainedPatient)
        {
            if (request.Contained.OfType<Patient>().SingleOrDefault(p => p.Id == ContainedPatient[1..]) is not { } contained)
            {
                errors.Add("ServiceRequest.contained", $"the subject {ContainedPatient} must be a contained Patient with id '{ContainedPatient[1..]}'");
                return (Guid.Empty, null);
            }

            return (Guid.CreateVersion7(), IdentityOf(contained, errors));
        }

        if (reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var patientId))
        {
            var known = await session.Query<ScreeningCase>().Where(s => s.PatientId == patientId).OrderByDescending(s => s.ReferredAt).FirstOrDefaultAsync(ct);
            return (patientId, known?.Referral.Patient);
        }

        errors.Add("ServiceRequest.subject", $"must reference an existing Patient/{{id}} or the contained {ContainedPatient}");
        return (Guid.Empty, null);
    }

    private static PatientIdentity IdentityOf(Patient patient, FieldErrors errors)
    {
        var name = patient.Name.FirstOrDefault() is { } n ? n.Text ?? string.Join(' ', n.Given.Append(n.Family).Where(p => !string.IsNullOrWhiteSpace(p))) : string.Empty;
        if (!DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            errors.Add("Patient.birthDate", "a full date (YYYY-MM-DD) is required");
        }

        string? Telecom(ContactPoint.ContactPointSystem system) => patient.Telecom.FirstOrDefault(t => t.System == system)?.Value;
        return new PatientIdentity(name, birthDate, Telecom(ContactPoint.ContactPointSystem.Email), Telecom(ContactPoint.ContactPointSystem.Phone));
    }

    /// <summary>The command's field names as the FHIR elements they came from, so an OperationOutcome's expression points into the body.</summary>
    private static FieldErrors FhirFields(FieldErrors commandErrors)
    {
        var fields = new FieldErrors();
        foreach (var (field, messages) in commandErrors.ToDictionary())
        {
            var element = field switch {
                "externalReference" => "ServiceRequest.identifier",
                "referringClinician" => "ServiceRequest.requester.display",
                "indication" => "ServiceRequest.reasonCode",
                "requestedRoute" => "ServiceRequest.code",
                "patient.fullName" => "Patient.name",
                "patient.birthDate" => "Patient.birthDate",
                "patient.contact" or "patient.email" or "patient.phone" => "Patient.telecom",
                _ => field,
            };
            foreach (var message in messages)
            {
                fields.Add(element, message);
            }
        }

        return fields;
    }

    /// <summary>"TreatmentResistantDepression" → "Treatment resistant depression".</summary>
    private static string Display(string code) =>
        string.Concat(code.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
