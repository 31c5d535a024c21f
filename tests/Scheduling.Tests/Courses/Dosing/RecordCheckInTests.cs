namespace Scheduling.Tests;

public class RecordCheckInTests : DosingSessionSetUp
{
    [Fact]
    public void Check_in_is_refused_outside_its_window_around_the_session()
    {
        RecordCheckIn CheckIn(DateTimeOffset takenAt) => new(SessionId, new VitalsReading(120, 80, 70, takenAt), true, true, MedicalId);
        var opens = Start.AddMinutes(-Protocol.CheckInOpensMinutesBeforeStart);

        Rejected(RecordCheckIn.Decide(CheckIn(opens.AddMinutes(-1)), Booked(), At(opens.AddMinutes(-1)), Protocol), RuleIds.CheckInOutsideWindow);
        Accepted(RecordCheckIn.Decide(CheckIn(opens), Booked(), At(opens), Protocol));
        Accepted(RecordCheckIn.Decide(CheckIn(Start.AddHours(2)), Booked(), At(Start.AddHours(2)), Protocol));
        Rejected(RecordCheckIn.Decide(CheckIn(Start.AddHours(2)), Booked(), At(Start.AddHours(2).AddMinutes(1)), Protocol), RuleIds.CheckInOutsideWindow);
    }

    [Fact]
    public void A_pre_dose_reading_older_than_the_protocol_window_is_refused()
    {
        var maxAge = TimeSpan.FromMinutes(Protocol.PreDoseVitalsMaxAgeMinutes);
        RecordCheckIn CheckIn(DateTimeOffset takenAt) => new(SessionId, new VitalsReading(120, 80, 70, takenAt), true, true, MedicalId);

        Rejected(RecordCheckIn.Decide(CheckIn(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), Booked(), At(Start), Protocol), RuleIds.PreDoseVitalsStale);
        Rejected(RecordCheckIn.Decide(CheckIn(Start - maxAge - TimeSpan.FromMinutes(1)), Booked(), At(Start), Protocol), RuleIds.PreDoseVitalsStale);
        Accepted(RecordCheckIn.Decide(CheckIn(Start - maxAge), Booked(), At(Start), Protocol));
    }

    [Fact]
    public void A_missing_fasting_confirmation_is_a_field_error_not_false()
    {
        var vitals = new VitalsReading(120, 80, 70, Start);

        Assert.Contains("fastingConfirmed", new CheckInRequest(vitals, null, true).Validate(Start).ToDictionary().Keys);
        Assert.False(new CheckInRequest(vitals, false, false).Validate(Start).Any);
    }
}
