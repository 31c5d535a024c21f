namespace Platform.Contracts;

// Shared clinical vocabulary: every service must agree on these names, so they live with the contracts.

public enum Indication
{
    TreatmentResistantDepression,
    MajorDepressionWithSuicidalIdeation,
    SevereAnxiety,
    Ptsd,
    ChronicPain,
    PsychologicalGrowth,
}

public enum TreatmentRoute
{
    IvKetamine,
    ImKetamine,
    SublingualKetamine,
    EsketamineNasalSpray,
    KetamineAssistedPsychotherapy,
}

public enum SessionKind
{
    Preparation,
    Dosing,
    Integration,
}

public enum SafetyHoldTrigger
{
    AdverseEvent,
    HighSuicideRisk,
    Pregnancy,
}

public enum CourseResponse
{
    Remitter,
    Responder,
    NonResponder,

    /// <summary>Stopped before any instrument with a baseline was measured after the first dose: no response can be judged.</summary>
    NotEvaluable,
}

public enum CourseRecommendation
{
    Discharge,
    Maintenance,
    Stop,
}

/// <summary>A condition attached to an approval, with the rule that produced it.</summary>
public sealed record ApprovalCondition(string RuleId, string Description);

/// <summary>An instrument total at a point in time; no item answers cross service boundaries.</summary>
public sealed record InstrumentScore(InstrumentCode Instrument, int Total, string Band, DateTimeOffset AdministeredAt);

/// <summary>
/// An instrument total with its LOINC code, so a receiver can code it without a table of its own. The code is null
/// where the instrument has no LOINC total code the platform is sure of (see Platform.Fhir's FhirInstruments), and on
/// a score upcast from a contract version that carried none.
/// </summary>
public sealed record CodedInstrumentScore(InstrumentCode Instrument, int Total, string Band, DateTimeOffset AdministeredAt, string? LoincCode);

/// <summary>A measured quantity with its UCUM unit ("kg"), so the unit travels with the number instead of in a field name.</summary>
public sealed record UcumQuantity(decimal Value, string Unit)
{
    public static UcumQuantity Kilograms(decimal value) => new(value, "kg");
}

/// <summary>Blood pressure and heart rate at one moment of a dosing session.</summary>
public sealed record VitalsReading(int Systolic, int Diastolic, int HeartRate, DateTimeOffset TakenAt);
