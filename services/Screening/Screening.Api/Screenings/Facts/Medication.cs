namespace Screening.Api.Screenings;

public enum MedicationClass
{
    Maoi,
    Psychostimulant,
    Benzodiazepine,
    Lamotrigine,
    Antidepressant,
    Other,
}

/// <param name="DiazepamEquivalentMgPerDay">Required for benzodiazepines: the rule compares the summed equivalent.</param>
public sealed record Medication(
    MedicationClass Class,
    string Name,
    decimal? DailyDoseMg = null,
    decimal? DiazepamEquivalentMgPerDay = null);
