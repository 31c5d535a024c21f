using Platform.Commands;
using Platform.Messaging;
using Platform.Testing;

namespace Integration.Tests;

/// <summary>A dosing session that overtook the approval is recorded when the record opens, whatever the order.</summary>
public class KeptDosingSessionTests
{
    private static readonly PatientApprovedForTreatment Approval =
        ContractBuilders.Approval(CourseId, ApprovedAt, patientId: PatientId, protocolVersion: "screening-v1");

    private static DosingSessionCompleted Completed(int number, DateTimeOffset start) => new(
        CourseId, Guid.NewGuid(), number, TreatmentRoute.IvKetamine, 35m, start, start.AddHours(2),
        new VitalsReading(120, 80, 70, start), null, new VitalsReading(122, 81, 70, start.AddHours(2)), null, Clinician, Clinician);

    private static EarlyMessage Keep(DosingSessionCompleted message, DateTimeOffset now) =>
        EarlyMessage.Of(message.CourseId, message.SessionId.ToString(), message, message.DoseStartedAt, now);

    private static EarlyOutcome OpenWith(IReadOnlyList<EarlyMessage> kept) =>
        EarlyMessages.Apply<CourseOutcome>(
            OpenCourseOutcome.Decide(OpenCourseOutcome.From(PatientApprovedForTreatmentV2.From(Approval)), null, At(ApprovedAt), Protocol),
            null,
            kept,
            CourseOutcome.Evolve,
            (message, state) => EarlyOutcomeMessages.Apply(message, state, At(FirstDose.AddDays(4)), Protocol));

    [Fact]
    public void Sessions_kept_before_the_approval_are_recorded_when_the_record_opens_in_dosing_order()
    {
        var second = Keep(Completed(2, FirstDose.AddDays(3)), FirstDose.AddDays(3));
        var first = Keep(Completed(1, FirstDose), FirstDose);

        var outcome = OpenWith([second, first]);
        var course = Apply(null, outcome.Decision);

        Assert.Empty(outcome.Refused);
        Assert.Equal([first, second], outcome.Applied);
        Assert.Equal([1, 2], course.DosingSessions.Select(d => d.DosingNumber));
    }

    [Fact]
    public void A_kept_session_dosed_before_the_approval_is_refused_and_left_kept_while_the_record_still_opens()
    {
        var before = Keep(Completed(1, ApprovedAt.AddDays(-1)), FirstDose);

        var outcome = OpenWith([before]);
        var course = Apply(null, outcome.Decision);

        Assert.Empty(course.DosingSessions);
        Assert.Equal(before, Assert.Single(outcome.Refused).Message);
        Assert.Empty(outcome.Applied);
    }
}
