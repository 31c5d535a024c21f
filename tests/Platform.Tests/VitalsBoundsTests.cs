using Platform.Commands;

namespace Platform.Tests;

/// <summary>One set of vitals bounds for Screening's intake and Scheduling's dosing readings.</summary>
public class VitalsBoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_plausible_reading_passes_with_or_without_a_prefix()
    {
        Assert.False(new FieldErrors().Reading(128, 82, 70, Now, Now).Any);
        Assert.False(new FieldErrors().Reading(128, 82, 70, Now.AddMinutes(5), Now, "preDose").Any);
    }

    [Theory]
    [InlineData(49, 30, 70, "systolic")]
    [InlineData(301, 80, 70, "systolic")]
    [InlineData(120, 19, 70, "diastolic")]
    [InlineData(120, 120, 70, "diastolic")]
    [InlineData(120, 80, 19, "heartRate")]
    [InlineData(120, 80, 251, "heartRate")]
    public void An_impossible_reading_names_the_field(int systolic, int diastolic, int heartRate, string field)
    {
        Assert.Contains(field, new FieldErrors().Reading(systolic, diastolic, heartRate, Now, Now).ToDictionary().Keys);
        Assert.Contains("atDischarge." + field, new FieldErrors().Reading(systolic, diastolic, heartRate, Now, Now, "atDischarge").ToDictionary().Keys);
    }

    [Fact]
    public void A_reading_taken_later_than_the_monitor_clock_allows_or_never_is_refused()
    {
        Assert.Contains("takenAt", new FieldErrors().Reading(120, 80, 70, Now + VitalsBounds.ClockSkew + TimeSpan.FromSeconds(1), Now).ToDictionary().Keys);
        Assert.Contains("takenAt", new FieldErrors().Reading(120, 80, 70, default, Now).ToDictionary().Keys);
    }
}
