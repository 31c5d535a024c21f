using Platform.Contracts;
using Screening.Api.Domain.Eligibility;

namespace Screening.Api.Domain.Events;

/// <summary>The rules' result over the facts known at <paramref name="EvaluatedAt"/>, under one protocol version.</summary>
public sealed record EligibilityEvaluated(
    Guid ScreeningId,
    EligibilityOutcome Outcome,
    IReadOnlyList<EligibilityReason> Reasons,
    IReadOnlyList<ApprovalCondition> Conditions,
    IReadOnlyList<EligibilityFlag> Flags,
    string ProtocolVersion,
    DateTimeOffset EvaluatedAt);
