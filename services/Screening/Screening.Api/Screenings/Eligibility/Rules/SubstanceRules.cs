namespace Screening.Api.Screenings;

public static class SubstanceRules
{
    /// <summary>Active, or abstinent for less than the protocol's months. No last-use date means active.</summary>
    public static EligibilityReason? SubstanceUse(PsychiatricHistory history, ScreeningProtocol protocol, DateOnly today)
    {
        ReasonFact[] facts =
        [
            ReasonFact.Of("psychiatricHistory.substanceUseDisorder", history.SubstanceUseDisorder),
            ReasonFact.Of("psychiatricHistory.substances", string.Join(", ", history.Substances)),
            ReasonFact.Of("psychiatricHistory.substanceLastUsedOn", history.SubstanceLastUsedOn),
            ReasonFact.Of("protocol.substanceAbstinenceMonths", protocol.SubstanceAbstinenceMonths),
        ];

        if (!history.SubstanceUseDisorder)
        {
            return EligibilityReason.Eligible(RuleIds.SubstanceUse, "No substance use disorder.", facts);
        }

        var abstinentSince = today.AddMonths(-protocol.SubstanceAbstinenceMonths);
        if (history.SubstanceLastUsedOn is not { } lastUse)
        {
            return EligibilityReason.Ineligible(RuleIds.SubstanceUse, "Active substance use disorder (no last-use date) excludes ketamine treatment.", facts);
        }

        return lastUse > abstinentSince
            ? EligibilityReason.Ineligible(RuleIds.SubstanceUse, $"Substance use disorder with use within the last {protocol.SubstanceAbstinenceMonths} months excludes ketamine treatment.", facts)
            : EligibilityReason.Eligible(RuleIds.SubstanceUse, $"Substance use disorder in remission for at least {protocol.SubstanceAbstinenceMonths} months.", facts);
    }

    public static EligibilityReason? KetamineMisuse(PsychiatricHistory history, ScreeningProtocol protocol, DateOnly today)
    {
        ReasonFact[] facts =
        [
            ReasonFact.Of("psychiatricHistory.ketamineOrPcpMisuseLastOn", history.KetamineOrPcpMisuseLastOn),
            ReasonFact.Of("protocol.ketamineMisuseLookbackMonths", protocol.KetamineMisuseLookbackMonths),
        ];
        var since = today.AddMonths(-protocol.KetamineMisuseLookbackMonths);
        return history.KetamineOrPcpMisuseLastOn is { } last && last > since
            ? EligibilityReason.Ineligible(RuleIds.KetamineMisuse, $"Ketamine or PCP misuse within the last {protocol.KetamineMisuseLookbackMonths} months excludes ketamine treatment.", facts)
            : EligibilityReason.Eligible(RuleIds.KetamineMisuse, $"No ketamine or PCP misuse within the last {protocol.KetamineMisuseLookbackMonths} months.", facts);
    }
}
