using Platform.Instruments;

namespace Screening.Api.Screenings;

/// <summary>High C-SSRS risk is never an automatic approval path: review, and refer at once (a flag).</summary>
public static class SuicideRiskRule
{
    public static EligibilityReason? Evaluate(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (screening.LatestInstrument(InstrumentCode.CssrsScreener) is not { } cssrs)
        {
            return null;
        }

        ReasonFact[] facts =
        [
            ReasonFact.Of("cssrs.riskLevel", cssrs.Band),
            ReasonFact.Of("cssrs.items", string.Join(",", cssrs.Items)),
        ];
        return cssrs.RiskLevel == SuicideRiskLevel.High
            ? EligibilityReason.NeedsReview(RuleIds.SuicideRisk, "High suicide risk on the C-SSRS screener: refer for immediate assessment; a prescriber must review.", facts)
            : EligibilityReason.Eligible(RuleIds.SuicideRisk, $"C-SSRS screener risk is {cssrs.Band}.", facts);
    }
}
