namespace Screening.Api.Screenings;

public enum EligibilityFlag
{
    /// <summary>High C-SSRS risk: refer for immediate assessment, whatever the screening outcome.</summary>
    HighSuicideRisk,
}
