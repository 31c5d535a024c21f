using Screening.Api.Screenings.Eligibility.Rules;

namespace Screening.Api.Screenings.Eligibility;

/// <summary>Every rule of the clinical reference, section 2, in the order reasons are shown.</summary>
public static class EligibilityRules
{
    public static IReadOnlyList<EligibilityRule> All { get; } =
    [
        CompletenessRule.Evaluate,
        PsychiatricRules.PsychosisSelf,
        PsychiatricRules.PsychosisFamily,
        PsychiatricRules.CurrentMania,
        PsychiatricRules.Bipolar,
        MedicalRules.AneurysmalVascularDisease,
        MedicalRules.ArteriovenousMalformation,
        MedicalRules.IntracerebralHaemorrhage,
        MedicalRules.KetamineHypersensitivity,
        CardiovascularRules.MyocardialInfarction,
        CardiovascularRules.Arrhythmia,
        CardiovascularRules.Cerebrovascular,
        MedicalRules.UncontrolledHypertension,
        MedicalRules.Pregnancy,
        MedicalRules.Breastfeeding,
        VitalsRules.BloodPressure,
        SubstanceRules.SubstanceUse,
        SubstanceRules.KetamineMisuse,
        SuicideRiskRule.Evaluate,
        MedicalRules.HepaticImpairment,
        MedicalRules.Cystitis,
        MedicationRules.Maoi,
        MedicationRules.Psychostimulant,
        MedicationRules.Benzodiazepine,
        PriorTreatmentRules.TrdFirstLine,
        PriorTreatmentRules.NoPriorPsychotherapy,
        EsketamineAgeRule.Evaluate,
    ];
}
