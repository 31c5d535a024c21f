namespace Screening.Api.Screenings;

/// <summary>Recent MI, unstable arrhythmia, unstable cerebrovascular disease: ineligible while unstable.</summary>
public static class CardiovascularRules
{
    public static EligibilityReason? MyocardialInfarction(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Check(history, protocol, today, CardiovascularEventKind.MyocardialInfarction, RuleIds.MyocardialInfarction, "myocardial infarction");

    public static EligibilityReason? Arrhythmia(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Check(history, protocol, today, CardiovascularEventKind.Arrhythmia, RuleIds.Arrhythmia, "arrhythmia");

    public static EligibilityReason? Cerebrovascular(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Check(history, protocol, today, CardiovascularEventKind.CerebrovascularDisease, RuleIds.Cerebrovascular, "cerebrovascular disease");

    private static EligibilityReason? Check(
        MedicalHistory history,
        ScreeningProtocol protocol,
        DateOnly today,
        CardiovascularEventKind kind,
        string ruleId,
        string label)
    {
        var recentSince = today.AddMonths(-protocol.RecentCardiovascularEventMonths);
        var events = history.CardiovascularEvents.Where(e => e.Kind == kind).ToList();
        var unstable = events.Where(e => !e.CurrentlyStable || e.OccurredOn > recentSince).ToList();
        var latest = events.Count == 0 ? (DateOnly?)null : events.Max(e => e.OccurredOn);

        ReasonFact[] facts =
        [
            ReasonFact.Of($"medicalHistory.{kind}.count", events.Count),
            ReasonFact.Of($"medicalHistory.{kind}.latestOn", latest),
            ReasonFact.Of($"medicalHistory.{kind}.anyUnstable", events.Any(e => !e.CurrentlyStable)),
            ReasonFact.Of("protocol.recentCardiovascularEventMonths", protocol.RecentCardiovascularEventMonths),
        ];

        if (unstable.Count > 0)
        {
            return EligibilityReason.Ineligible(
                ruleId,
                $"Unstable or recent (within {protocol.RecentCardiovascularEventMonths} months) {label}: ineligible until stable.",
                facts);
        }

        return EligibilityReason.Eligible(ruleId, events.Count == 0 ? $"No {label} recorded." : $"Past {label} is stable and not recent.", facts);
    }
}
