namespace Scheduling.Tests;

public class CourseInputTests
{
    [Theory]
    [InlineData(49, 80, 70, "vitals.systolic")]
    [InlineData(301, 80, 70, "vitals.systolic")]
    [InlineData(120, 19, 70, "vitals.diastolic")]
    [InlineData(120, 201, 70, "vitals.diastolic")]
    [InlineData(120, 80, 19, "vitals.heartRate")]
    [InlineData(120, 80, 251, "vitals.heartRate")]
    [InlineData(80, 90, 70, "vitals.diastolic")]
    public void Vitals_outside_physiological_range_name_the_field(int systolic, int diastolic, int heartRate, string field)
    {
        var errors = new FieldErrors().Vitals(new VitalsReading(systolic, diastolic, heartRate, Now), Now, "vitals").ToDictionary();
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Plausible_vitals_pass()
    {
        Assert.False(new FieldErrors().Vitals(new VitalsReading(50, 20, 20, Now), Now, "vitals").Any);
        Assert.False(new FieldErrors().Vitals(new VitalsReading(300, 200, 250, Now), Now, "vitals").Any);
    }

    [Fact]
    public void Block_ending_before_it_starts_is_a_field_error()
    {
        Assert.Contains("end", new FieldErrors().Block(Now, Now.AddMinutes(-1)).ToDictionary().Keys);
        Assert.Contains("end", new FieldErrors().Block(Now, Now).ToDictionary().Keys);
        Assert.False(new FieldErrors().Block(Now, Now.AddHours(2)).Any);
    }

    [Fact]
    public void A_session_block_is_at_most_8_hours()
    {
        Assert.False(new FieldErrors().SessionBlock(Now, Now.AddMinutes(CourseInput.MaxSessionMinutes)).Any);
        Assert.Contains("end", new FieldErrors().SessionBlock(Now, Now.AddMinutes(CourseInput.MaxSessionMinutes + 1)).ToDictionary().Keys);
        Assert.Contains("end", new FieldErrors().SessionBlock(Now, Now).ToDictionary().Keys);
    }
}
