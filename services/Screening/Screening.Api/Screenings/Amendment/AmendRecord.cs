namespace Screening.Api.Screenings;

/// <summary>
/// A correction the patient asked for: the <paramref name="Field"/> (<see cref="AmendableFields.Known"/>), its corrected
/// <paramref name="Value"/> (null clears an email or a phone number) and why it is made.
/// </summary>
public sealed record AmendmentRequest(string Field, string? Value, string Reason);

/// <summary>
/// The privacy officer's correction of a recorded fact (HIPAA 45 CFR 164.526): an event naming who, when and why, so
/// reads and every projection show the corrected value while the original stays in the stream and the amendment log.
/// </summary>
public sealed record AmendRecord(string Field, string? Value, string Reason, Guid AmendedBy)
{
    public const int MaxReasonLength = 1000;

    public FieldErrors Validate() =>
        new FieldErrors()
            .KnownField(Field)
            .RequiredText(Reason, "reason", MaxReasonLength);

    /// <summary>
    /// An open screening is re-evaluated on the corrected fact like on any other. A live approval is not changed under
    /// the prescriber: a correction that would change its eligibility (a birth date that crosses an age rule) is refused
    /// while doses may still be given under it. A value already recorded changes nothing.
    /// </summary>
    public static Decision Decide(AmendRecord command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (!ScreeningRefusals.Exists(state, out var refused))
        {
            return refused;
        }

        AmendableFields.TryRead(state, command.Field, out var original);
        if (original == command.Value)
        {
            return Decision.Accept();
        }

        var amended = new RecordAmended(state.Id, state.PatientId, command.Field, original, command.Value, command.Reason, command.AmendedBy, now.Utc);
        if (!state.IsClosed)
        {
            return ScreeningRules.AcceptWithEvaluation(state, now, protocol, amended);
        }

        if (state is { Status: ScreeningStatus.Approved, Approval: { } approval }
            && now.Utc < approval.ValidUntil
            && !EligibilityEvaluator.Evaluate(state, protocol, now).SameResultAs(
                EligibilityEvaluator.Evaluate(AmendableFields.Apply(state, command.Field, command.Value), protocol, now)))
        {
            return Decision.Reject(
                RuleIds.AmendmentChangesApproval,
                $"Correcting {command.Field} changes the eligibility course {approval.CourseId} was approved on, and the approval is valid until "
                + $"{now.DateOf(approval.ValidUntil):yyyy-MM-dd}. A prescriber closes the course and refers the patient again with the corrected value; "
                + "this screening's record is corrected once its approval has ended (a safety hold that requires re-screening, or its expiry).");
        }

        return Decision.Accept(amended);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder privacy) =>
        privacy.MapPost("/screenings/{screeningId:guid}/amendments", Handle)
            .AsCommand(
                ErasureEndpoints.Tag,
                $"Correct a recorded fact at the patient's request ({AmendableFields.Known}); the original stays in the amendment log",
                Roles.PrivacyOfficer);

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, AmendmentRequest body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new AmendRecord(body.Field?.Trim() ?? string.Empty, string.IsNullOrWhiteSpace(body.Value) ? null : body.Value.Trim(), body.Reason?.Trim() ?? string.Empty, clinician.Id);
        return context.RunAsync<ScreeningCase, CommandAccepted>(
            screeningId,
            state => Decide(command, state, now, protocol),
            version => new CommandAccepted(screeningId, version),
            command.Validate(),
            state => AmendableFields.Check(state, command.Field, command.Value, now.Today));
    }
}
