using Platform.ServiceDefaults.Http;

namespace Screening.Api;

/// <summary>Stable rule ids: clients, auditors and the analyst table rely on them, so never rename one.</summary>
public static class RuleIds
{
    public const string Incomplete = "SCR-INCOMPLETE";
    public const string PsychosisSelf = "SCR-PSYCHOSIS-SELF";
    public const string PsychosisFamily = "SCR-PSYCHOSIS-FAMILY";
    public const string CurrentMania = "SCR-MANIA-CURRENT";
    public const string Bipolar = "SCR-BIPOLAR";
    public const string AneurysmalVascularDisease = "SCR-ANEURYSMAL-VASCULAR-DISEASE";
    public const string ArteriovenousMalformation = "SCR-AVM";
    public const string IntracerebralHaemorrhage = "SCR-INTRACEREBRAL-HAEMORRHAGE";
    public const string KetamineHypersensitivity = "SCR-KETAMINE-HYPERSENSITIVITY";
    public const string MyocardialInfarction = "SCR-RECENT-MI";
    public const string Arrhythmia = "SCR-UNSTABLE-ARRHYTHMIA";
    public const string Cerebrovascular = "SCR-UNSTABLE-CEREBROVASCULAR";
    public const string UncontrolledHypertension = "SCR-HYPERTENSION-UNCONTROLLED";
    public const string Pregnancy = "SCR-PREGNANCY";
    public const string Breastfeeding = "SCR-BREASTFEEDING";
    public const string BloodPressure = "SCR-BLOOD-PRESSURE";
    public const string SubstanceUse = "SCR-SUBSTANCE-USE";
    public const string KetamineMisuse = "SCR-KETAMINE-MISUSE";
    public const string SuicideRisk = "SCR-SUICIDE-RISK-HIGH";
    public const string HepaticImpairment = "SCR-HEPATIC-IMPAIRMENT";
    public const string Cystitis = "SCR-CYSTITIS";
    public const string Maoi = "SCR-MAOI";
    public const string Psychostimulant = "SCR-PSYCHOSTIMULANT";
    public const string Benzodiazepine = "SCR-BENZODIAZEPINE-DOSE";
    public const string TrdFirstLine = "SCR-TRD-FIRST-LINE";
    public const string NoPriorPsychotherapy = "SCR-NO-PRIOR-PSYCHOTHERAPY";
    public const string EsketamineAge = "SCR-ESKETAMINE-AGE-65";
    public const string InstrumentStale = "SCR-INSTRUMENT-STALE";
    public const string VitalsStale = "SCR-VITALS-STALE";

    // Sign-off rules (rejections of commands, not eligibility reasons).
    public const string CaseNotFound = "SCR-CASE-NOT-FOUND";
    public const string CaseExists = "SCR-CASE-EXISTS";
    public const string UnknownPatient = "SCR-UNKNOWN-PATIENT";
    public const string PatientIdentityConflict = "SCR-PATIENT-IDENTITY-CONFLICT";
    public const string CaseClosed = "SCR-CASE-CLOSED";
    public const string InvalidInput = "SCR-INVALID-INPUT";
    public const string JustificationRequired = "SCR-JUSTIFICATION-REQUIRED";
    public const string DeclineReasonRequired = "SCR-DECLINE-REASON-REQUIRED";
    public const string NotApproved = "SCR-NOT-APPROVED";

    /// <summary>Command refusals that are not clinical rules: the client named nothing, clashed, or sent bad input.</summary>
    public static readonly RuleStatuses Statuses = new(new Dictionary<string, int> {
        [CaseNotFound] = StatusCodes.Status404NotFound,
        [CaseExists] = StatusCodes.Status409Conflict,
        [PatientIdentityConflict] = StatusCodes.Status409Conflict,
        [InvalidInput] = StatusCodes.Status400BadRequest,
    });
}
