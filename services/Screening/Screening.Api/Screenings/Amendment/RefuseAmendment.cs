namespace Screening.Api.Screenings;

/// <summary>The patient's request the privacy officer refuses: the field, the value asked for, and the reason given to the patient.</summary>
public sealed record AmendmentRefusalRequest(string Field, string? Value, string Reason);

/// <summary>
/// A refused amendment (HIPAA 45 CFR 164.526(d)): the record stays as it is, and the request and the reason are kept in
/// the amendment log, so the patient's disagreement can follow any later disclosure of the field.
/// </summary>
public sealed record RefuseAmendment(string Field, string? Value, string Reason, Guid RefusedBy)
{
    public FieldErrors Validate() =>
        new FieldErrors()
            .KnownField(Field)
            .OptionalText(Value, "value")
            .RequiredText(Reason, "reason", AmendRecord.MaxReasonLength);

    public static Decision Decide(RefuseAmendment command, ScreeningCase? state, ClinicTime now) =>
        ScreeningRefusals.Exists(state, out var refused)
            ? Decision.Accept(new AmendmentRefused(state.Id, state.PatientId, command.Field, command.Value, command.Reason, command.RefusedBy, now.Utc))
            : refused;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder privacy) =>
        privacy.MapPost("/screenings/{screeningId:guid}/amendment-refusals", Handle)
            .AsCommand(ErasureEndpoints.Tag, "Record the refusal of a patient's amendment request, with the reason given to the patient", Roles.PrivacyOfficer);

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, AmendmentRefusalRequest body, Clinician clinician, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new RefuseAmendment(body.Field?.Trim() ?? string.Empty, string.IsNullOrWhiteSpace(body.Value) ? null : body.Value.Trim(), body.Reason?.Trim() ?? string.Empty, clinician.Id);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now), command.Validate());
    }
}
