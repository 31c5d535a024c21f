using JasperFx.Events;
using Platform.Commands;

namespace Integration.Tests;

/// <summary>Builds courses by running the real deciders, so tests exercise the same path as production.</summary>
internal static class CourseFixture
{
    public static readonly DateTimeOffset ApprovedAt = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstDose = ApprovedAt.AddDays(7);
    public static readonly Guid CourseId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly Guid PatientId = Guid.Parse("22222222-2222-2222-2222-222222222222");
    public static readonly Guid Clinician = Guid.Parse("33333333-3333-3333-3333-333333333333");
    public static readonly IntegrationProtocol Protocol = IntegrationProtocol.Default;
    public static readonly ClinicalProtocol Clinic = ClinicalProtocol.Default;
    public static readonly TimeZoneInfo Zone = Clinic.Zone();

    /// <summary>The clinic clock read at an instant, in the clinic's zone (America/New_York by default).</summary>
    public static ClinicTime At(DateTimeOffset utc) => ClinicTime.At(utc, Zone);

    /// <summary>What the outbox relay publishes for a committed event (null: it stays in the service).</summary>
    public static object? Published(object domainEvent) => new IntegrationEventMap().ToContracts(new Event<object>(domainEvent)).SingleOrDefault();

    public static CourseOutcome Open(
        int phq9Baseline = 20,
        Indication indication = Indication.TreatmentResistantDepression,
        TreatmentRoute route = TreatmentRoute.IvKetamine,
        params BaselineScore[] extraBaseline)
    {
        var command = new OpenCourseOutcome(
            CourseId, PatientId, indication, route,
            [new BaselineScore(InstrumentCode.Phq9, phq9Baseline, "severe", ApprovedAt.AddDays(-2)), .. extraBaseline],
            ApprovedAt, "screening-v1");
        return Apply(null, Decide(command, null, At(ApprovedAt), Protocol));
    }

    /// <summary>Runs the Decide of the command's own slice, as its endpoint or consumer does.</summary>
    public static Decision Decide(object command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol) =>
        command switch {
            OpenCourseOutcome c => OpenCourseOutcome.Decide(c, state, now, protocol),
            DosingSessionCompleted c => RecordDosingSession.Decide(c, state, now, protocol),
            SetIntentions c => SetIntentions.Decide(c, state, now, protocol),
            HoldIntegrationSession c => HoldIntegrationSession.Decide(c, state, now, protocol),
            RecordOutcome c => RecordOutcome.Decide(c, state, now, protocol),
            RecordAdverseEvent c => RecordAdverseEvent.Decide(c, state, now, protocol),
            GradeAdverseEvent c => GradeAdverseEvent.Decide(c, state, now, protocol),
            ReportPregnancy c => ReportPregnancy.Decide(c, state, now, protocol),
            ReleaseSafetyHold c => ReleaseSafetyHold.Decide(c, state, now, protocol),
            EvaluateCourse c => EvaluateCourse.Decide(c, state, now, protocol),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a course command"),
        };

    public static CourseOutcome Apply(CourseOutcome? state, Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection?.ToString());
        return decision.Events.Aggregate(state, CourseOutcome.Evolve)!;
    }

    public static DosingSessionCompleted Dosing(int number, DateTimeOffset? start = null, Guid? id = null)
    {
        var at = start ?? FirstDose.AddDays((number - 1) * 3.5);
        return new DosingSessionCompleted(
            CourseId, id ?? Guid.NewGuid(), number, TreatmentRoute.IvKetamine, 35m, at, at.AddHours(2),
            new VitalsReading(120, 80, 70, at), new VitalsReading(150, 95, 80, at.AddMinutes(40)),
            new VitalsReading(125, 82, 72, at.AddHours(2)), 6, Clinician, Clinician);
    }

    public static CourseOutcome WithDoses(CourseOutcome state, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            state = Apply(state, Decide(Dosing(n), state, At(FirstDose.AddDays(30)), Protocol));
        }

        return state;
    }

    public static RecordOutcome Phq9(int total, DateTimeOffset at) =>
        new(CourseId, Guid.NewGuid(), Scored(InstrumentCode.Phq9, total, 9), at, Clinician);

    public static RecordOutcome Cssrs(string risk, DateTimeOffset at) =>
        new(CourseId, Guid.NewGuid(), new ScoredInstrument(InstrumentCode.CssrsScreener, [1, 1, 1, 1, 0, 0], 4, risk, risk), at, Clinician);

    public static ScoredInstrument Scored(InstrumentCode instrument, int total, int items) =>
        new(instrument, [.. Enumerable.Repeat(0, items)], total, "band");

    public static CourseOutcome Measure(CourseOutcome state, RecordOutcome command) =>
        Apply(state, Decide(command, state, At(command.MeasuredAt), Protocol));

    public static RecordAdverseEvent AdverseEvent(
        AdverseEventSeverity severity,
        DateTimeOffset at,
        AdverseEventType type = AdverseEventType.RespiratoryDepression,
        Guid? dosingSessionId = null) =>
        new(CourseId, Guid.NewGuid(), type, severity, at, 30, dosingSessionId, null, "Observed", "Resolved", Clinician);
}
