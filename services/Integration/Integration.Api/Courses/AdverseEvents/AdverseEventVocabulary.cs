namespace Integration.Api.Courses;

/// <summary>The adverse events clinical reference section 4 asks the clinic to record.</summary>
public enum AdverseEventType
{
    Dissociation,
    Sedation,
    BloodPressureRise,
    RespiratoryDepression,
    NauseaVomiting,
    EmergenceReaction,
    SuicidalIdeationOrBehaviour,
    CystitisSymptoms,
    Misuse,
}

/// <summary>Serious means life-threatening or leading to hospitalisation.</summary>
public enum AdverseEventSeverity
{
    Mild,
    Moderate,
    Severe,
    Serious,
}

public static class AdverseEventSeverityExtensions
{
    public static bool PlacesHold(this AdverseEventSeverity severity) =>
        severity is AdverseEventSeverity.Severe or AdverseEventSeverity.Serious;
}
