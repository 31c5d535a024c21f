namespace Platform.Fhir;

/// <summary>
/// Vital signs as FHIR's vital-signs Observations: LOINC codes, UCUM units, category <c>vital-signs</c>. Blood pressure
/// is one Observation with its systolic and diastolic components, as the vital-signs profile requires.
/// </summary>
public static class FhirVitals
{
    public const string Ucum = "http://unitsofmeasure.org";

    public static CodeableConcept BloodPressureCode => Code("85354-9", "Blood pressure panel with all children optional");
    public static CodeableConcept SystolicCode => Code("8480-6", "Systolic blood pressure");
    public static CodeableConcept DiastolicCode => Code("8462-4", "Diastolic blood pressure");
    public static CodeableConcept HeartRateCode => Code("8867-4", "Heart rate");
    public static CodeableConcept BodyWeightCode => Code("29463-7", "Body weight");

    public static Observation BloodPressure(string id, ResourceReference subject, DateTimeOffset at, int systolic, int diastolic)
    {
        var observation = Vital(id, BloodPressureCode, subject, at);
        observation.Component = [
            new Observation.ComponentComponent { Code = SystolicCode, Value = Quantity(systolic, "mm[Hg]", "mmHg") },
            new Observation.ComponentComponent { Code = DiastolicCode, Value = Quantity(diastolic, "mm[Hg]", "mmHg") },
        ];
        return observation;
    }

    public static Observation HeartRate(string id, ResourceReference subject, DateTimeOffset at, int beatsPerMinute) =>
        WithValue(Vital(id, HeartRateCode, subject, at), Quantity(beatsPerMinute, "/min", "beats/minute"));

    public static Observation BodyWeight(string id, ResourceReference subject, DateTimeOffset at, decimal kilograms) =>
        WithValue(Vital(id, BodyWeightCode, subject, at), Quantity(kilograms, "kg", "kg"));

    private static Observation Vital(string id, CodeableConcept code, ResourceReference subject, DateTimeOffset at) => new() {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(FhirInstruments.ObservationCategorySystem, "vital-signs", "Vital Signs")],
        Code = code,
        Subject = subject,
        Effective = new FhirDateTime(at),
    };

    private static Observation WithValue(Observation observation, Quantity value)
    {
        observation.Value = value;
        return observation;
    }

    private static Quantity Quantity(decimal value, string ucum, string unit) => new() { Value = value, Unit = unit, System = Ucum, Code = ucum };

    private static CodeableConcept Code(string loinc, string display) => new() { Coding = [new Coding(FhirInstruments.Loinc, loinc, display)], Text = display };
}
