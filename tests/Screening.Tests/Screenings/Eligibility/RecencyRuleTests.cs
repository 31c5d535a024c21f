namespace Screening.Tests.Screenings.Eligibility;

/// <summary>Now is 2026-03-15 10:00 UTC, 06:00 in New York (EDT); "days old" counts clinic calendar days.</summary>
public class RecencyRuleTests
{
    private static ScreeningCase InstrumentsAt(DateTimeOffset at) =>
        Given.SafeCase() with { Instruments = [.. Given.SafeCase().Instruments.Select(i => i with { AdministeredAt = at })] };

    [Theory]
    [InlineData(30, EligibilityOutcome.Eligible)]
    [InlineData(31, EligibilityOutcome.NeedsReview)]
    public void Instruments_older_than_30_days_need_review(int daysOld, EligibilityOutcome expected)
    {
        var screening = InstrumentsAt(Given.Now.AddDays(-daysOld));

        Assert.Equal(expected, screening.OutcomeOf(RuleIds.InstrumentStale));
        Assert.Equal(expected, screening.Evaluate().Outcome);
    }

    [Fact]
    public void The_stale_reason_names_each_instrument_and_its_age()
    {
        var reason = InstrumentsAt(Given.Now.AddDays(-45)).Reason(RuleIds.InstrumentStale);

        Assert.Contains("PHQ-9", reason.Explanation, StringComparison.Ordinal);
        Assert.Contains("C-SSRS", reason.Explanation, StringComparison.Ordinal);
        Assert.Contains("45 days ago", reason.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90, EligibilityOutcome.Eligible)]
    [InlineData(91, EligibilityOutcome.NeedsReview)]
    public void Vitals_older_than_90_days_need_review(int daysOld, EligibilityOutcome expected)
    {
        var screening = Given.SafeCase() with { Vitals = Given.NormalVitals with { TakenAt = Given.Now.AddDays(-daysOld) } };

        Assert.Equal(expected, screening.OutcomeOf(RuleIds.VitalsStale));
    }

    [Fact]
    public void Age_is_counted_in_clinic_calendar_days_not_utc_days()
    {
        // 2026-02-13 03:00 UTC is 2026-02-12 22:00 in New York: 31 clinic days before 2026-03-15 (30 UTC days).
        var screening = InstrumentsAt(new DateTimeOffset(2026, 2, 13, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(EligibilityOutcome.NeedsReview, screening.OutcomeOf(RuleIds.InstrumentStale));
    }

    [Fact]
    public void The_limits_come_from_the_protocol_and_are_validated()
    {
        var lenient = Given.Protocol with { InstrumentMaxAgeDays = 60, VitalsMaxAgeDays = 120 };
        var screening = InstrumentsAt(Given.Now.AddDays(-45)) with { Vitals = Given.NormalVitals with { TakenAt = Given.Now.AddDays(-100) } };

        Assert.Equal(EligibilityOutcome.Eligible, Assert.Single(screening.Evaluate(lenient).Reasons, r => r.RuleId == RuleIds.InstrumentStale).Outcome);
        Assert.Equal(EligibilityOutcome.Eligible, Assert.Single(screening.Evaluate(lenient).Reasons, r => r.RuleId == RuleIds.VitalsStale).Outcome);
        Assert.Equal(
            ["InstrumentMaxAgeDays", "VitalsMaxAgeDays"],
            (Given.Protocol with { InstrumentMaxAgeDays = 0, VitalsMaxAgeDays = 366 }).Validate().ToDictionary().Keys);
    }

    [Fact]
    public void A_stale_baseline_cannot_be_approved_without_a_justification()
    {
        var stale = Given.SafeCase() with { Vitals = Given.NormalVitals with { TakenAt = Given.Now.AddDays(-120) } };

        var decision = ApproveScreening.Decide(new ApproveScreening(Guid.NewGuid(), Given.Prescriber, null), stale, Given.Clock, Given.Protocol);

        Assert.Equal(RuleIds.JustificationRequired, decision.Rejection?.RuleId);
    }
}
