using Screening.Api;
using Platform.Contracts;
using Platform.Instruments;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Screenings;
using Screening.Api.Screenings.Facts;

namespace Screening.Tests.Validation;

public class ValidatorTests
{
    [Theory]
    [InlineData(49, 40, 70, 70, "systolic")]
    [InlineData(400, 80, 70, 70, "systolic")]
    [InlineData(120, 19, 70, 70, "diastolic")]
    [InlineData(250, 201, 70, 70, "diastolic")]
    [InlineData(120, 80, 19, 70, "heartRate")]
    [InlineData(120, 80, 251, 70, "heartRate")]
    [InlineData(120, 80, 70, 19, "weightKg")]
    [InlineData(120, 80, 70, 401, "weightKg")]
    [InlineData(80, 90, 70, 70, "diastolic")]
    public void Impossible_vitals_name_the_field(int systolic, int diastolic, int heartRate, int weightKg, string field)
    {
        var vitals = new Vitals(systolic, diastolic, heartRate, weightKg, Given.Now);

        Assert.Equal([field], Fields((new RecordVitals(vitals, Given.Intake)).Validate(Given.Clock)));
    }

    [Fact]
    public void Plausible_vitals_pass() =>
        Assert.False((new RecordVitals(Given.NormalVitals, Given.Intake)).Validate(Given.Clock).Any);

    [Fact]
    public void Vitals_in_the_future_are_rejected() =>
        Assert.Equal(["takenAt"], Fields((new RecordVitals(Given.NormalVitals with { TakenAt = Given.Now.AddHours(1) }, Given.Intake)).Validate(Given.Clock)));

    [Fact]
    public void Prior_treatment_ranges_are_checked()
    {
        var treatments = new PriorTreatments(
            [new("sertraline", true, 521, 101), new("", true, -1, -5)],
            [new("CBT", -1)]);

        var fields = Fields(new RecordPriorTreatments(treatments, Given.Intake).Validate());

        Assert.Equal(
            [
                "antidepressantTrials[0].improvementPercent", "antidepressantTrials[0].weeks",
                "antidepressantTrials[1].drug", "antidepressantTrials[1].improvementPercent", "antidepressantTrials[1].weeks",
                "psychotherapy[0].sessions",
            ],
            fields);
    }

    [Fact]
    public void Future_history_dates_are_rejected()
    {
        var tomorrow = Given.Today.AddDays(1);
        var medical = Given.SafeMedicalHistory with { CardiovascularEvents = [new(CardiovascularEventKind.MyocardialInfarction, tomorrow, true)] };
        var psychiatric = Given.SafePsychiatricHistory with { KetamineOrPcpMisuseLastOn = tomorrow, SubstanceLastUsedOn = tomorrow };

        Assert.Equal(["cardiovascularEvents[0].occurredOn"], Fields(new RecordMedicalHistory(medical, Given.Intake).Validate(Given.Clock)));
        Assert.Equal(["ketamineOrPcpMisuseLastOn", "substanceLastUsedOn"], Fields(new RecordPsychiatricHistory(psychiatric, Given.Intake).Validate(Given.Clock)));
    }

    [Fact]
    public void A_substance_use_disorder_names_its_substances() =>
        Assert.Equal(
            ["substances"],
            Fields(new RecordPsychiatricHistory(Given.SafePsychiatricHistory with { SubstanceUseDisorder = true }, Given.Intake).Validate(Given.Clock)));

    [Fact]
    public void A_benzodiazepine_needs_its_diazepam_equivalent()
    {
        var command = new RecordMedications([new(MedicationClass.Benzodiazepine, "alprazolam", 1m, null)], Given.Intake);

        Assert.Equal(["medications[0].diazepamEquivalentMgPerDay"], Fields(command.Validate()));
    }

    [Fact]
    public void Unknown_enum_values_are_rejected()
    {
        var command = new RecordMedications([new((MedicationClass)99, "x", null, null)], Given.Intake);

        Assert.Equal(["medications[0].class"], Fields(command.Validate()));
    }

    [Fact]
    public void Today_is_the_clinic_day_near_midnight_not_the_utc_day()
    {
        // 02:30 UTC on 16 March is still 22:30 on 15 March in New York: a birth date of the 16th is in the future.
        var lateEvening = Given.At(new DateTimeOffset(2026, 3, 16, 2, 30, 0, TimeSpan.Zero));
        var command = new ReferScreening(
            Given.ScreeningId, Given.PatientId, "EXT-1", "Dr R", Indication.Ptsd, TreatmentRoute.KetamineAssistedPsychotherapy,
            Given.Patient(new DateOnly(2026, 3, 16)), Given.System);

        Assert.Equal(new DateOnly(2026, 3, 15), lateEvening.Today);
        Assert.Equal(["patient.birthDate"], Fields(command.Validate(lateEvening)));
        Assert.False((command with { Patient = Given.Patient(new DateOnly(2026, 3, 15)) }).Validate(lateEvening).Any);
    }

    [Fact]
    public void Referral_requires_identity_and_a_past_birth_date()
    {
        var command = new ReferScreening(
            Guid.Empty, Given.PatientId, "", "Dr R", (Indication)42, TreatmentRoute.KetamineAssistedPsychotherapy,
            new PatientIdentity("", Given.Today.AddDays(1), null, null), Given.System);

        var fields = Fields(command.Validate(Given.Clock));

        Assert.Equal(["externalReference", "indication", "patient.birthDate", "patient.contact", "patient.fullName", "screeningId"], fields);
    }

    [Fact]
    public void A_valid_referral_passes()
    {
        var command = new ReferScreening(
            Given.ScreeningId, Given.PatientId, "EXT-1", "Dr R", Indication.Ptsd, TreatmentRoute.KetamineAssistedPsychotherapy, Given.Patient(), Given.System);

        Assert.False(command.Validate(Given.Clock).Any);
    }

    [Fact]
    public void Instrument_errors_name_the_item_and_the_count()
    {
        var wrongCount = new AdministerInstrument(InstrumentCode.Pcl5, [1, 2, 3], null, Given.Intake);
        var future = new AdministerInstrument(InstrumentCode.Phq9, new int[9], Given.Now.AddDays(1), Given.Intake);

        var countErrors = wrongCount.Validate(Given.Clock, ScreeningProtocol.Default).ToDictionary();

        Assert.Equal(["PCL-5 needs 20 items, got 3"], countErrors["items"]);
        Assert.Equal(["administeredAt"], Fields(future.Validate(Given.Clock, ScreeningProtocol.Default)));
    }

    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();
}
