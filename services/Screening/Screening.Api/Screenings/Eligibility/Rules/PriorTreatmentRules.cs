using Platform.Contracts;

namespace Screening.Api.Screenings;

/// <summary>Ketamine is not a first attempt: first-line medication and talk therapy come first.</summary>
public static class PriorTreatmentRules
{
    private static readonly Indication[] TalkTherapyIndications =
    [
        Indication.TreatmentResistantDepression,
        Indication.MajorDepressionWithSuicidalIdeation,
        Indication.SevereAnxiety,
        Indication.Ptsd,
    ];

    public static bool IsAdequateFailedTrial(AntidepressantTrial trial, ScreeningProtocol protocol) =>
        trial.AdequateDose
        && trial.Weeks >= protocol.TrdMinTrialWeeks
        && trial.ImprovementPercent < protocol.TrdMaxImprovementPercent;

    public static EligibilityReason? TrdFirstLine(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (screening.Referral.Indication != Indication.TreatmentResistantDepression || screening.PriorTreatments is not { } treatments)
        {
            return null;
        }

        var adequate = treatments.AntidepressantTrials.Count(t => IsAdequateFailedTrial(t, protocol));
        ReasonFact[] facts =
        [
            ReasonFact.Of("referral.indication", screening.Referral.Indication.ToString()),
            ReasonFact.Of("priorTreatments.antidepressantTrials", treatments.AntidepressantTrials.Count),
            ReasonFact.Of("priorTreatments.adequateFailedTrials", adequate),
            ReasonFact.Of("protocol.trdMinAdequateTrials", protocol.TrdMinAdequateTrials),
            ReasonFact.Of("protocol.trdMinTrialWeeks", protocol.TrdMinTrialWeeks),
            ReasonFact.Of("protocol.trdMaxImprovementPercent", protocol.TrdMaxImprovementPercent),
        ];

        return adequate >= protocol.TrdMinAdequateTrials
            ? EligibilityReason.Eligible(RuleIds.TrdFirstLine, $"{adequate} adequate antidepressant trials failed: treatment resistance is established.", facts)
            : EligibilityReason.Ineligible(
                RuleIds.TrdFirstLine,
                $"Try first-line treatment: treatment-resistant depression needs at least {protocol.TrdMinAdequateTrials} adequate antidepressant trials "
                + $"(adequate dose, {protocol.TrdMinTrialWeeks} weeks or more, under {protocol.TrdMaxImprovementPercent} % improvement); {adequate} recorded.",
                facts);
    }

    public static EligibilityReason? NoPriorPsychotherapy(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (!TalkTherapyIndications.Contains(screening.Referral.Indication) || screening.PriorTreatments is not { } treatments)
        {
            return null;
        }

        var courses = treatments.Psychotherapy.Where(p => p.Sessions > 0).ToList();
        ReasonFact[] facts =
        [
            ReasonFact.Of("referral.indication", screening.Referral.Indication.ToString()),
            ReasonFact.Of("priorTreatments.psychotherapyCourses", courses.Count),
            ReasonFact.Of("priorTreatments.psychotherapyModalities", courses.Count == 0 ? "none" : string.Join(", ", courses.Select(c => c.Modality))),
        ];
        return courses.Count == 0
            ? EligibilityReason.NeedsReview(RuleIds.NoPriorPsychotherapy, "No prior psychotherapy: talk therapy (CBT or other) should be tried first; a prescriber must review.", facts)
            : EligibilityReason.Eligible(RuleIds.NoPriorPsychotherapy, "Prior psychotherapy recorded.", facts);
    }
}
