using Platform.Instruments;

namespace Scheduling.Api.Courses;

public sealed record CadssRequest(IReadOnlyList<int> Items) : IDosingStepRequest<RecordCadss>
{
    public RecordCadss ToCommand(Guid sessionId, Guid recordedBy) => new(sessionId, Items, recordedBy);

    /// <summary>CADSS-6 answers as the shared instrument catalog defines them (six items, 0-4 each).</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        foreach (var error in InstrumentScorer.Score(InstrumentCode.Cadss6, Items).Errors)
        {
            errors.Add(error.Field, error.Message);
        }

        return errors;
    }

    FieldErrors IDosingStepRequest<RecordCadss>.Validate(DateTimeOffset now) => Validate();
}

public sealed record RecordCadss(Guid SessionId, IReadOnlyList<int> Items, Guid RecordedBy)
{
    /// <summary>CADSS-6: the total is computed by the shared scorer, never taken from the client.</summary>
    public static Decision Decide(RecordCadss command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!DosingGates.TryInProgress(state, command.SessionId, out var session, out _, out var refused))
        {
            return refused;
        }

        var total = InstrumentScorer.Score(InstrumentCode.Cadss6, command.Items).Result!.Total;
        return Decision.Accept(new CadssRecorded(state.Id, session.SessionId, command.Items.ToList(), total, command.RecordedBy, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapDosingStep<CadssRequest, RecordCadss>("cadss", "CADSS-6 dissociation answers (0-4 each); the total is computed by the service", Decide);
}
