namespace Screening.Tests.Screenings.SignOff;

public class ApproveScreeningTests
{
    private static readonly Guid CourseId = Guid.Parse("0195a1e2-0000-7000-8000-0000000000c1");

    private static Decision Approve(ScreeningCase state, string? justification = null, ScreeningProtocol? protocol = null) =>
        ApproveScreening.Decide(new ApproveScreening(CourseId, Given.Prescriber, justification), state, Given.Clock, protocol ?? Given.Protocol);

    [Fact]
    public void An_eligible_case_is_approved_with_a_new_course_and_expiry_from_the_protocol()
    {
        var decision = Approve(Given.SafeCase());

        var approved = Assert.IsType<ScreeningApproved>(decision.Events[^1]);
        Assert.Equal(CourseId, approved.CourseId);
        Assert.Equal(Given.PatientId, approved.PatientId);
        Assert.Equal(Given.Prescriber, approved.PrescriberId);
        Assert.Equal(Given.Now, approved.ApprovedAt);
        Assert.Equal(Given.Now.AddDays(90), approved.ValidUntil);
        Assert.Equal("2026.1", approved.ProtocolVersion);
        Assert.Equal(EligibilityOutcome.Eligible, approved.OutcomeAtSignOff);
        Assert.Equal(72.5m, approved.WeightKg);
        Assert.Contains(approved.BaselineScores, s => s is { Instrument: Platform.Instruments.InstrumentCode.Phq9, Total: 15, Band: "moderately severe" });
    }

    [Fact]
    public void Validity_days_come_from_the_protocol()
    {
        var decision = Approve(Given.SafeCase(), protocol: new ScreeningProtocol { Version = "short", ApprovalValidityDays = 30 });

        var approved = Assert.IsType<ScreeningApproved>(decision.Events[^1]);
        Assert.Equal(Given.Now.AddDays(30), approved.ValidUntil);
        Assert.Equal("short", approved.ProtocolVersion);
    }

    [Fact]
    public void Conditions_travel_with_the_approval()
    {
        var state = Given.SafeCase() with { Vitals = Given.NormalVitals with { Systolic = 150 } };

        var approved = Assert.IsType<ScreeningApproved>(Approve(state).Events[^1]);

        Assert.Equal(RuleIds.BloodPressure, Assert.Single(approved.Conditions).RuleId);
    }

    [Fact]
    public void Approval_over_an_ineligible_reason_is_rejected_with_that_rule_id()
    {
        var state = Given.SafeCase().WithPsychiatric(p => p with { PsychosisSelf = true });

        var decision = Approve(state, justification: "I know better");

        Assert.True(decision.IsRejected);
        Assert.Equal(RuleIds.PsychosisSelf, decision.Rejection!.RuleId);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Needs_review_without_justification_is_rejected()
    {
        var state = Given.SafeCase().WithMedical(m => m with { InterstitialOrUlcerativeCystitis = true });

        var decision = Approve(state, justification: "   ");

        Assert.Equal(RuleIds.JustificationRequired, decision.Rejection?.RuleId);
        Assert.Contains(RuleIds.Cystitis, decision.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Needs_review_with_justification_is_approved_and_keeps_it()
    {
        var state = Given.SafeCase().WithMedical(m => m with { InterstitialOrUlcerativeCystitis = true });

        var decision = Approve(state, justification: "Urology reviewed; symptoms quiescent.");

        var approved = Assert.IsType<ScreeningApproved>(decision.Events[^1]);
        Assert.Equal("Urology reviewed; symptoms quiescent.", approved.Justification);
        Assert.Equal(EligibilityOutcome.NeedsReview, approved.OutcomeAtSignOff);
        Assert.Equal([RuleIds.Cystitis], approved.RuleIdsAtSignOff);
    }

    [Fact]
    public void An_incomplete_case_cannot_be_approved_even_with_justification()
    {
        var decision = Approve(Given.ReferredOnly(), justification: "urgent");

        Assert.Equal(RuleIds.Incomplete, decision.Rejection?.RuleId);
    }

    [Fact]
    public void An_approved_or_declined_case_cannot_be_signed_again()
    {
        var approved = Given.SafeCase().Then(Approve(Given.SafeCase()).Events);
        var declined = Given.SafeCase().Then(
            DeclineScreening.Decide(new DeclineScreening(Given.Prescriber, "prefers therapy"), Given.SafeCase(), Given.Clock, Given.Protocol).Events);

        Assert.Equal(ScreeningStatus.Approved, approved.Status);
        Assert.Equal(RuleIds.CaseClosed, Approve(approved).Rejection?.RuleId);
        Assert.Equal(ScreeningStatus.Declined, declined.Status);
        Assert.Equal(RuleIds.CaseClosed, Approve(declined).Rejection?.RuleId);
    }

    [Fact]
    public void Approval_evaluates_at_signing_time_and_records_the_changed_evaluation()
    {
        // Recorded while abstinent 11 months (ineligible); signed 2 months later, when abstinence is 13 months.
        var recorded = Given.SafeCase();
        var command = new RecordPsychiatricHistory(
            Given.SafePsychiatricHistory with { SubstanceUseDisorder = true, Substances = ["alcohol"], SubstanceLastUsedOn = Given.Today.AddMonths(-11) },
            Given.Intake);
        var state = recorded.Then(IntakeFact.Decide(command, recorded, Given.Clock, Given.Protocol).Events);
        Assert.Equal(EligibilityOutcome.Ineligible, state.LastEvaluation!.Outcome);

        // The instruments are two months old by then: a clinic allowing 90 days keeps them as the baseline.
        var later = Given.Now.AddMonths(2);
        var decision = ApproveScreening.Decide(
            new ApproveScreening(CourseId, Given.Prescriber, null), state, Given.At(later), Given.Protocol with { InstrumentMaxAgeDays = 90 });

        var evaluated = Assert.IsType<EligibilityEvaluated>(decision.Events[0]);
        Assert.Equal(EligibilityOutcome.Eligible, evaluated.Outcome);
        Assert.Equal(later, Assert.IsType<ScreeningApproved>(decision.Events[1]).ApprovedAt);
    }

    [Fact]
    public void Missing_course_is_invalid_input()
    {
        var errors = new ApproveScreening(Guid.Empty, Given.Prescriber, null).Validate();

        Assert.Equal(["courseId"], errors.ToDictionary().Keys);
    }
}
