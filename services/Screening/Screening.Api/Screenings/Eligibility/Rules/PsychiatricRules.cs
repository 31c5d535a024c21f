namespace Screening.Api.Screenings.Eligibility.Rules;

public static class PsychiatricRules
{
    public static EligibilityReason? PsychosisSelf(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (screening.PsychiatricHistory is not { } history)
        {
            return null;
        }

        var fact = ReasonFact.Of("psychiatricHistory.psychosisSelf", history.PsychosisSelf);
        return history.PsychosisSelf
            ? EligibilityReason.Ineligible(RuleIds.PsychosisSelf, "A history of psychosis or schizophrenia excludes ketamine treatment.", fact)
            : EligibilityReason.Eligible(RuleIds.PsychosisSelf, "No personal history of psychosis.", fact);
    }

    public static EligibilityReason? PsychosisFamily(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (screening.PsychiatricHistory is not { } history)
        {
            return null;
        }

        var fact = ReasonFact.Of("psychiatricHistory.psychosisFirstDegreeRelative", history.PsychosisFirstDegreeRelative);
        return history.PsychosisFirstDegreeRelative
            ? EligibilityReason.NeedsReview(RuleIds.PsychosisFamily, "Psychosis in a first-degree relative: a prescriber must review (many KAP programmes exclude).", fact)
            : EligibilityReason.Eligible(RuleIds.PsychosisFamily, "No psychosis in first-degree relatives.", fact);
    }

    public static EligibilityReason? CurrentMania(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (screening.PsychiatricHistory is not { } history)
        {
            return null;
        }

        var fact = ReasonFact.Of("psychiatricHistory.currentMania", history.CurrentMania);
        return history.CurrentMania
            ? EligibilityReason.Ineligible(RuleIds.CurrentMania, "Current mania excludes ketamine treatment.", fact)
            : EligibilityReason.Eligible(RuleIds.CurrentMania, "No current mania.", fact);
    }

    public static EligibilityReason? Bipolar(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (screening.PsychiatricHistory is not { } history)
        {
            return null;
        }

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
