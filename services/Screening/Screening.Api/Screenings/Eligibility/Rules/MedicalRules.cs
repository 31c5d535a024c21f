namespace Screening.Api.Screenings;

public static class MedicalRules
{
    public static EligibilityReason? AneurysmalVascularDisease(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Exclusion(history.AneurysmalVascularDisease, RuleIds.AneurysmalVascularDisease, "medicalHistory.aneurysmalVascularDisease",
            "Aneurysmal vascular disease (including thoracic and abdominal aorta, intracranial and peripheral arteries) is an absolute contraindication.");

    public static EligibilityReason? ArteriovenousMalformation(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Exclusion(history.ArteriovenousMalformation, RuleIds.ArteriovenousMalformation, "medicalHistory.arteriovenousMalformation",
            "An arteriovenous malformation is an absolute contraindication.");

    public static EligibilityReason? IntracerebralHaemorrhage(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Exclusion(history.IntracerebralHaemorrhage, RuleIds.IntracerebralHaemorrhage, "medicalHistory.intracerebralHaemorrhage",
            "A history of intracerebral haemorrhage is an absolute contraindication.");

    public static EligibilityReason? KetamineHypersensitivity(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Exclusion(history.KetamineHypersensitivity, RuleIds.KetamineHypersensitivity, "medicalHistory.ketamineHypersensitivity",
            "Known hypersensitivity to ketamine or esketamine is an absolute contraindication.");

    public static EligibilityReason? Pregnancy(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Exclusion(history.Pregnant, RuleIds.Pregnancy, "medicalHistory.pregnant",
            "Pregnancy excludes ketamine treatment.");

    public static EligibilityReason? Breastfeeding(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        Exclusion(history.Breastfeeding, RuleIds.Breastfeeding, "medicalHistory.breastfeeding",
            "Breastfeeding excludes ketamine treatment.");

    public static EligibilityReason? HepaticImpairment(MedicalHistory history, ScreeningProtocol protocol, DateOnly today)
    {
        var fact = ReasonFact.Of("medicalHistory.hepaticImpairment", history.HepaticImpairment.ToString());
        return history.HepaticImpairment switch {
            Screenings.HepaticImpairment.Severe => EligibilityReason.Ineligible(RuleIds.HepaticImpairment, "Severe hepatic impairment excludes ketamine treatment.", fact),
            Screenings.HepaticImpairment.Moderate => EligibilityReason.NeedsReview(RuleIds.HepaticImpairment, "Moderate hepatic impairment: a prescriber must review (longer exposure, monitor longer).", fact),
            _ => EligibilityReason.Eligible(RuleIds.HepaticImpairment, "No more than mild hepatic impairment.", fact),
        };
    }

    public static EligibilityReason? Cystitis(MedicalHistory history, ScreeningProtocol protocol, DateOnly today) =>
        EligibilityReason.OnFlag(
            history.InterstitialOrUlcerativeCystitis, RuleIds.Cystitis, "medicalHistory.interstitialOrUlcerativeCystitis",
            EligibilityOutcome.NeedsReview,
            "Interstitial or ulcerative cystitis: ketamine can worsen it, a prescriber must review.",
            "No interstitial or ulcerative cystitis.");

    /// <summary>Diagnosed hypertension that is not controlled needs clearance even if today's reading is fine.</summary>
    public static EligibilityReason? UncontrolledHypertension(MedicalHistory history, ScreeningProtocol protocol, DateOnly today)
    {
        ReasonFact[] facts =
        [
            ReasonFact.Of("medicalHistory.hypertension", history.Hypertension),
            ReasonFact.Of("medicalHistory.hypertensionControlled", history.HypertensionControlled),
        ];
        return history.Hypertension && !history.HypertensionControlled
            ? EligibilityReason.WithConditions(RuleIds.UncontrolledHypertension, "Hypertension is not controlled: medical clearance for blood pressure is required before dosing.", facts)
            : EligibilityReason.Eligible(RuleIds.UncontrolledHypertension, "No hypertension, or hypertension is controlled.", facts);
    }

    /// <summary>An absolute contraindication: yes excludes, and the reason names the fact either way.</summary>
    private static EligibilityReason? Exclusion(
        bool present, string ruleId, string factName, string explanation) =>
        EligibilityReason.OnFlag(present, ruleId, factName, EligibilityOutcome.Ineligible, explanation, $"Not present: {factName}.");
}
