using Screening.Api.Screenings.Eligibility.Rules;

namespace Screening.Api.Screenings.Eligibility;

/// <summary>Every rule of the clinical reference, section 2, in the order reasons are shown.</summary>
public static class EligibilityRules
{
    public static IReadOnlyList<EligibilityRule> All { get; } =
    [
        CompletenessRule.Evaluate,
        Recorded(s => s.PsychiatricHistory, PsychiatricRules.PsychosisSelf),
        Recorded(s => s.PsychiatricHistory, PsychiatricRules.PsychosisFamily),
        Recorded(s => s.PsychiatricHistory, PsychiatricRules.CurrentMania),
        Recorded(s => s.PsychiatricHistory, PsychiatricRules.Bipolar),
        Recorded(s => s.MedicalHistory, MedicalRules.AneurysmalVascularDisease),
        Recorded(s => s.MedicalHistory, MedicalRules.ArteriovenousMalformation),
        Recorded(s => s.MedicalHistory, MedicalRules.IntracerebralHaemorrhage),
        Recorded(s => s.MedicalHistory, MedicalRules.KetamineHypersensitivity),
        Recorded(s => s.MedicalHistory, CardiovascularRules.MyocardialInfarction),
        Recorded(s => s.MedicalHistory, CardiovascularRules.Arrhythmia),
        Recorded(s => s.MedicalHistory, CardiovascularRules.Cerebrovascular),
        Recorded(s => s.MedicalHistory, MedicalRules.UncontrolledHypertension),
        Recorded(s => s.MedicalHistory, MedicalRules.Pregnancy),
        Recorded(s => s.MedicalHistory, MedicalRules.Breastfeeding),
        Recorded(s => s.Vitals, VitalsRules.BloodPressure),
        Recorded(s => s.PsychiatricHistory, SubstanceRules.SubstanceUse),
        Recorded(s => s.PsychiatricHistory, SubstanceRules.KetamineMisuse),
        SuicideRiskRule.Evaluate,
        Recorded(s => s.MedicalHistory, MedicalRules.HepaticImpairment),
        Recorded(s => s.MedicalHistory, MedicalRules.Cystitis),
        Recorded(s => s.Medications, MedicationRules.Maoi),
        Recorded(s => s.Medications, MedicationRules.Psychostimulant),
        Recorded(s => s.Medications, MedicationRules.Benzodiazepine),
        PriorTreatmentRules.TrdFirstLine,
        PriorTreatmentRules.NoPriorPsychotherapy,
        EsketamineAgeRule.Evaluate,
    ];

    /// <summary>
    /// A rule that reads one recorded fact of the screening. It does not apply (null) until that fact is recorded: the
    /// completeness rule speaks for missing facts, so the rule itself never handles one.
    /// </summary>
    private static EligibilityRule Recorded<TFact>(Func<ScreeningCase, TFact?> fact, Func<TFact, ScreeningProtocol, DateOnly, EligibilityReason?> rule)
        where TFact : class =>
        (screening, protocol, today) => fact(screening) is { } recorded ? rule(recorded, protocol, today) : null;
}
