namespace Screening.Api.Screenings;

public static class MedicationRules
{
    public static EligibilityReason? Maoi(IReadOnlyList<Medication> medications, ScreeningProtocol protocol, DateOnly today) =>
        PressorClass(medications, MedicationClass.Maoi, RuleIds.Maoi, "an MAOI");

    public static EligibilityReason? Psychostimulant(IReadOnlyList<Medication> medications, ScreeningProtocol protocol, DateOnly today) =>
        PressorClass(medications, MedicationClass.Psychostimulant, RuleIds.Psychostimulant, "a psychostimulant");

    /// <summary>Benzodiazepines blunt the antidepressant response; several are summed as diazepam equivalents.</summary>
    public static EligibilityReason? Benzodiazepine(IReadOnlyList<Medication> medications, ScreeningProtocol protocol, DateOnly today)
    {
        var total = medications
            .Where(m => m.Class == MedicationClass.Benzodiazepine)
            .Sum(m => m.DiazepamEquivalentMgPerDay ?? 0m);
        ReasonFact[] facts =
        [
            ReasonFact.Of("medications.benzodiazepineDiazepamEqMgPerDay", total),
            ReasonFact.Of("protocol.benzodiazepineLimitDiazepamEqMgPerDay", protocol.BenzodiazepineLimitDiazepamEqMgPerDay),
        ];
        return total > protocol.BenzodiazepineLimitDiazepamEqMgPerDay
            ? EligibilityReason.NeedsReview(RuleIds.Benzodiazepine, $"Benzodiazepines at {total} mg/day diazepam-equivalent (above {protocol.BenzodiazepineLimitDiazepamEqMgPerDay}) may blunt the response: a prescriber must review.", facts)
            : EligibilityReason.Eligible(RuleIds.Benzodiazepine, $"Benzodiazepines at or below {protocol.BenzodiazepineLimitDiazepamEqMgPerDay} mg/day diazepam-equivalent.", facts);
    }

    private static EligibilityReason? PressorClass(IReadOnlyList<Medication> medications, MedicationClass medicationClass, string ruleId, string label)
    {
        var names = medications.Where(m => m.Class == medicationClass).Select(m => m.Name).ToList();
        var fact = ReasonFact.Of($"medications.{medicationClass}", names.Count == 0 ? "none" : string.Join(", ", names));
        return names.Count > 0
            ? EligibilityReason.NeedsReview(ruleId, $"Taking {label}: ketamine raises blood pressure further, a prescriber must review.", fact)
            : EligibilityReason.Eligible(ruleId, $"Not taking {label}.", fact);
    }
}
