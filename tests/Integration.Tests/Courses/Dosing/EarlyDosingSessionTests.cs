using Platform.Commands;
using Platform.Testing;

namespace Integration.Tests;

/// <summary>A dosing session that overtook the approval is recorded when the record opens, whatever the order.</summary>
public class EarlyDosingSessionTests
{
    private static readonly PatientApprovedForTreatment Approval =
        ContractBuilders.Approval(CourseId, ApprovedAt, patientId: PatientId, protocolVersion: "screening-v1");

    private static DosingSessionCompleted Completed(int number, DateTimeOffset start) => new(
        CourseId, Guid.NewGuid(), number, TreatmentRoute.IvKetamine, 35m, start, start.AddHours(2),
        new VitalsReading(120, 80, 70, start), null, new VitalsReading(122, 81, 70, start.AddHours(2)), null, Clinician, Clinician);

    private static Decision OpenWith(IReadOnlyList<EarlyDosingSession> kept, List<(EarlyDosingSession, Rejection)> refused) =>
        EarlyDosingSession.OpenWith(
            OpenCourseOutcome.Decide(OpenCourseOutcome.From(Approval), null, At(ApprovedAt), Protocol),
            kept, null, At(FirstDose.AddDays(4)), Protocol, refused);

    [Fact]
    public void Sessions_kept_before_the_approval_are_recorded_when_the_record_opens_in_dosing_order()
    {
        var second = EarlyDosingSession.Keep(Completed(2, FirstDose.AddDays(3)), FirstDose.AddDays(3));
        var first = EarlyDosingSession.Keep(Completed(1, FirstDose), FirstDose);
        var refused = new List<(EarlyDosingSession, Rejection)>();

        var course = Apply(null, OpenWith([second, first], refused));

        Assert.Empty(refused);
        Assert.Equal([1, 2], course.DosingSessions.Select(d => d.DosingNumber));
    }

    [Fact]
    public void A_kept_session_dosed_before_the_approval_is_refused_and_left_kept_while_the_record_still_opens()
    {
        var before = EarlyDosingSession.Keep(Completed(1, ApprovedAt.AddDays(-1)), FirstDose);
        var refused = new List<(EarlyDosingSession, Rejection)>();

        var course = Apply(null, OpenWith([before], refused));

        Assert.Empty(course.DosingSessions);
        Assert.Equal(before, Assert.Single(refused).Item1);
    }
}
