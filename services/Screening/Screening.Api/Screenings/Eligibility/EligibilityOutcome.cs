namespace Screening.Api.Screenings;

/// <summary>Ordered from best to worst so the overall outcome is the maximum.</summary>
public enum EligibilityOutcome
{
    Eligible,
    EligibleWithConditions,
    NeedsReview,
    Ineligible,
}
