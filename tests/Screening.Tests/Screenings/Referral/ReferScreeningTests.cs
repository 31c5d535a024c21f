namespace Screening.Tests.Screenings.Referral;

public class ReferScreeningTests
{
    private static ReferScreening Referral => new(
        Given.ScreeningId, Given.PatientId, "EXT-9", "Dr Referrer", Indication.TreatmentResistantDepression,
        TreatmentRoute.IvKetamine, Given.Patient(), Given.System);

    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Referral_starts_the_case_with_an_incomplete_evaluation()
    {
        var decision = ReferScreening.Decide(Referral, null, Given.Clock, Given.Protocol);

        Assert.IsType<ScreeningReferred>(decision.Events[0]);
        var evaluated = Assert.IsType<EligibilityEvaluated>(decision.Events[1]);
        Assert.Equal(EligibilityOutcome.NeedsReview, evaluated.Outcome);
        Assert.Equal(RuleIds.Incomplete, Assert.Single(evaluated.Reasons, r => r.Outcome != EligibilityOutcome.Eligible).RuleId);
        Assert.Equal(ScreeningStatus.Referred, Given.Fold(decision.Events).Status);
    }

    [Fact]
    public void A_second_referral_with_the_same_id_is_rejected() =>
        Assert.Equal(RuleIds.CaseExists, ReferScreening.Decide(Referral, Given.ReferredOnly(), Given.Clock, Given.Protocol).Rejection?.RuleId);

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
}
