namespace Screening.Api.Screenings;

/// <summary>A written justification is required when the screening needs review.</summary>
public sealed record ApprovalRequest(string? Justification = null);

/// <summary>The approval and the course id minted for it (the course's stream id in every service).</summary>
public sealed record ApprovalAccepted(Guid Id, Guid CourseId, DateTimeOffset ValidUntil, long Version);

/// <summary>
/// The prescriber's sign-off. The caller mints <paramref name="CourseId"/> (e.g. <c>Guid.CreateVersion7()</c>)
/// so the decide function stays pure. <paramref name="Justification"/> is required when the outcome is
/// "needs review".
/// </summary>
public sealed record ApproveScreening(Guid CourseId, Guid PrescriberId, string? Justification)
{
    public const int MaxJustificationLength = 4_000;

    public FieldErrors Validate() =>
        new FieldErrors()
            .NotEmpty(CourseId, "courseId")
            .OptionalText(Justification, "justification", MaxJustificationLength);

    /// <summary>
    /// Approval re-runs the rules at signing time: never over an ineligible reason or missing facts;
    /// "needs review" only with a written justification.
    /// </summary>
    public static Decision Decide(ApproveScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (!ScreeningRefusals.IsOpen(state, out var refused))
        {
            return refused;
        }

        var evaluation = EligibilityEvaluator.Evaluate(state, protocol, now);
        if (!evaluation.IsComplete)
        {
            var incomplete = evaluation.Reasons.First(r => r.RuleId == RuleIds.Incomplete);
            return Decision.Reject(RuleIds.Incomplete, incomplete.Explanation);
        }

        if (evaluation.Reasons.FirstOrDefault(r => r.Outcome == EligibilityOutcome.Ineligible) is { } ineligible)
        {
            return Decision.Reject(ineligible.RuleId, $"Cannot approve over an ineligible reason: {ineligible.Explanation}");
        }

        var justification = string.IsNullOrWhiteSpace(command.Justification) ? null : command.Justification.Trim();
        if (evaluation.Outcome == EligibilityOutcome.NeedsReview && justification is null)
        {
            return Decision.Reject(
                RuleIds.JustificationRequired,
                $"The screening needs review ({string.Join(", ", evaluation.FiredRuleIds.Where(id => IsReview(evaluation, id)))}): approving it requires a written justification.");
        }

        var approved = new ScreeningApproved(
            state.Id,
            command.CourseId,
            state.PatientId,
            state.Referral.Indication,
            state.Referral.RequestedRoute,
            evaluation.Outcome,
            evaluation.FiredRuleIds,
            evaluation.Conditions,
            state.Instruments.Select(i => i.ToScore()).ToList(),
            state.Vitals?.WeightKg,
            command.PrescriberId,
            justification,
            now.Utc,
            now.Utc.AddDays(protocol.ApprovalValidityDays),
            protocol.Version);
        return ScreeningRules.AcceptAfterEvaluation(state, evaluation, now, approved);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPost("/{screeningId:guid}/approval", Handle)
            .AsCommand(ScreeningRules.Tag, "Approve for treatment: never over an ineligible reason; needs-review only with a justification", Roles.Prescriber)
            .AcceptsIdempotencyKey() // a retried approval answers the course id it opened, not "already approved"
            .WithRequestExample(new { justification = "PHQ-9 flagged for review; discussed with the patient, benefits outweigh the risk" });

    private static Task<Results<Ok<ApprovalAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, ApprovalRequest? body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new ApproveScreening(Guid.CreateVersion7(), clinician.Id, body?.Justification);
        return context.RunAsync<ScreeningCase, ApprovalAccepted>(
            screeningId,
            state => Decide(command, state, now, protocol),
            version => new ApprovalAccepted(screeningId, command.CourseId, now.Utc.AddDays(protocol.ApprovalValidityDays), version),
            command.Validate());
    }

    private static bool IsReview(EligibilityEvaluation evaluation, string ruleId) =>
        evaluation.Reasons.Any(r => r.RuleId == ruleId && r.Outcome == EligibilityOutcome.NeedsReview);
}
