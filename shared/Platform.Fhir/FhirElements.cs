namespace Platform.Fhir;

/// <summary>Element values every service writes the same way.</summary>
public static class FhirElements
{
    /// <summary>A FHIR dateTime with its zone, to the second.</summary>
    public static string DateTime(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);

    /// <summary>The reference to a patient: the platform's patient id is the Patient's id.</summary>
    public static ResourceReference Patient(Guid patientId) => new($"Patient/{patientId}");
}
