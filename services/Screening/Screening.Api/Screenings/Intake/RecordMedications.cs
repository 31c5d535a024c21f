namespace Screening.Api.Screenings;

/// <summary>The complete current medication list; an empty list records "no medications".</summary>
public sealed record MedicationsRequest(IReadOnlyList<Medication> Medications);

/// <summary>The complete current list; an empty list records "no medications".</summary>
public sealed record RecordMedications(IReadOnlyList<Medication> Medications, Guid RecordedBy) : IIntakeFact
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapFact<MedicationsRequest>(HttpMethods.Put, "medications", (body, by) => new RecordMedications(body.Medications, by), "Record the complete current medication list");

    public object Recorded(Guid screeningId, ClinicTime now) => new MedicationsRecorded(screeningId, Medications, RecordedBy, now.Utc);

    public FieldErrors Validate(ClinicTime now)
    {
        var errors = new FieldErrors();
        if (Medications is null)
        {
            return errors.Add("medications", "is required (empty when none)");
        }

        for (var i = 0; i < Medications.Count; i++)
        {
            var m = Medications[i];
            var field = $"medications[{i}]";
            errors
                .Defined(m.Class, $"{field}.class")
                .RequiredText(m.Name, $"{field}.name")
                .InRange(m.DailyDoseMg, 0m, 100_000m, $"{field}.dailyDoseMg")
                .InRange(m.DiazepamEquivalentMgPerDay, 0m, 1_000m, $"{field}.diazepamEquivalentMgPerDay")
                .Require(
                    m.Class != MedicationClass.Benzodiazepine || m.DiazepamEquivalentMgPerDay is not null,
                    $"{field}.diazepamEquivalentMgPerDay",
                    "is required for a benzodiazepine");
        }

        return errors;
    }
}
