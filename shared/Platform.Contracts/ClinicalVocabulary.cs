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

/// <summary>Blood pressure and heart rate at one moment of a dosing session.</summary>
public sealed record VitalsReading(int Systolic, int Diastolic, int HeartRate, DateTimeOffset TakenAt);
