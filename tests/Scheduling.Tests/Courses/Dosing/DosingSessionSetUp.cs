namespace Scheduling.Tests;

/// <summary>One booked IV dosing session an hour from now: the set-up every dosing slice's tests start from.</summary>
public abstract class DosingSessionSetUp
{
    protected static readonly Guid SessionId = Guid.NewGuid();
    protected static readonly DateTimeOffset Start = Now.AddHours(1);

    protected static TreatmentCourse Booked(TreatmentRoute route = TreatmentRoute.IvKetamine) => BookDosing(Prepared(route), SessionId, Start);

    protected static TreatmentCourse CheckedIn(int systolic = 130, int diastolic = 85, bool fasting = true, bool ride = true, TreatmentCourse? course = null)
    {
        course ??= Booked();
        return Apply(course, RecordCheckIn.Decide(new RecordCheckIn(SessionId, new VitalsReading(systolic, diastolic, 72, Start), fasting, ride, MedicalId), course, At(Start), Protocol));
    }

    protected static Platform.Commands.Decision StartDose(TreatmentCourse course, DateTimeOffset? at = null) =>
        Scheduling.Api.Courses.StartDose.Decide(new Scheduling.Api.Courses.StartDose(SessionId, 35m, MedicalId), course, At(at ?? Start.AddMinutes(5)), Protocol);
}
