namespace Screening.Api.Screenings;

/// <summary>Every rule of the clinical reference, section 2, in the order reasons are shown.</summary>
public static class EligibilityRules
{
    public static IReadOnlyList<EligibilityRule> All { get; } =
    [
        CompletenessRule.Evaluate,
        .. Recorded(
            s => s.PsychiatricHistory,
            PsychiatricRules.PsychosisSelf, PsychiatricRules.PsychosisFamily, PsychiatricRules.CurrentMania, PsychiatricRules.Bipolar),
        .. Recorded(
            s => s.MedicalHistory,
            MedicalRules.AneurysmalVascularDisease, MedicalRules.ArteriovenousMalformation, MedicalRules.IntracerebralHaemorrhage,
            MedicalRules.KetamineHypersensitivity, CardiovascularRules.MyocardialInfarction, CardiovascularRules.Arrhythmia,
            CardiovascularRules.Cerebrovascular, MedicalRules.UncontrolledHypertension, MedicalRules.Pregnancy, MedicalRules.Breastfeeding),
        .. Recorded(s => s.Vitals, VitalsRules.BloodPressure),
        .. Recorded(s => s.PsychiatricHistory, SubstanceRules.SubstanceUse, SubstanceRules.KetamineMisuse),
        SuicideRiskRule.Evaluate,
        .. Recorded(s => s.MedicalHistory, MedicalRules.HepaticImpairment, MedicalRules.Cystitis),
        .. Recorded(s => s.Medications, MedicationRules.Maoi, MedicationRules.Psychostimulant, MedicationRules.Benzodiazepine),
        PriorTreatmentRules.TrdFirstLine,
        PriorTreatmentRules.NoPriorPsychotherapy,
        EsketamineAgeRule.Evaluate,
    ];

    /// <summary>
    /// Rules that read one recorded fact of the screening. None applies (null) until that fact is recorded: the
    /// completeness rule speaks for missing facts, so a rule itself never handles one.
    /// </summary>
    private static IEnumerable<EligibilityRule> Recorded<TFact>(
        Func<ScreeningCase, TFact?> fact, params Func<TFact, ScreeningProtocol, DateOnly, EligibilityReason?>[] rules)
        where TFact : class =>
        rules.Select(rule => (EligibilityRule)((screening, protocol, today) => fact(screening) is { } recorded ? rule(recorded, protocol, today) : null));
}
