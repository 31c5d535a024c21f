namespace Screening.Api.Screenings;

public static class PsychiatricRules
{
    public static EligibilityReason? PsychosisSelf(PsychiatricHistory history, ScreeningProtocol protocol, DateOnly today) =>
        EligibilityReason.OnFlag(
            history.PsychosisSelf, RuleIds.PsychosisSelf, "psychiatricHistory.psychosisSelf",
            EligibilityOutcome.Ineligible,
            "A history of psychosis or schizophrenia excludes ketamine treatment.",
            "No personal history of psychosis.");

    public static EligibilityReason? PsychosisFamily(PsychiatricHistory history, ScreeningProtocol protocol, DateOnly today) =>
        EligibilityReason.OnFlag(
            history.PsychosisFirstDegreeRelative, RuleIds.PsychosisFamily, "psychiatricHistory.psychosisFirstDegreeRelative",
            EligibilityOutcome.NeedsReview,
            "Psychosis in a first-degree relative: a prescriber must review (many KAP programmes exclude).",
            "No psychosis in first-degree relatives.");

    public static EligibilityReason? CurrentMania(PsychiatricHistory history, ScreeningProtocol protocol, DateOnly today) =>
        EligibilityReason.OnFlag(
            history.CurrentMania, RuleIds.CurrentMania, "psychiatricHistory.currentMania",
            EligibilityOutcome.Ineligible,
            "Current mania excludes ketamine treatment.",
            "No current mania.");

    public static EligibilityReason? Bipolar(PsychiatricHistory history, ScreeningProtocol protocol, DateOnly today)
    {
        ReasonFact[] facts =
        [
            ReasonFact.Of("psychiatricHistory.bipolarDisorder", history.BipolarDisorder),
            ReasonFact.Of("psychiatricHistory.onMoodStabiliser", history.OnMoodStabiliser),
        ];
        if (!history.BipolarDisorder)
        {
            return EligibilityReason.Eligible(RuleIds.Bipolar, "No bipolar disorder.", facts);
        }

        return history.OnMoodStabiliser
            ? EligibilityReason.NeedsReview(RuleIds.Bipolar, "Bipolar disorder on a mood stabiliser: a prescriber must review the risk of switching to mania.", facts)
            : EligibilityReason.Ineligible(RuleIds.Bipolar, "Bipolar disorder without a mood stabiliser excludes ketamine treatment.", facts);
    }
}
