namespace Integration.Api.Courses;

/// <summary>Intentions the patient sets before a dosing session. <paramref name="SetAt"/> defaults to now.</summary>
public sealed record SetIntentionsRequest(string? Intentions, int? ForDosingNumber = null, DateTimeOffset? SetAt = null)
{
    public FieldErrors Validate(DateTimeOffset now) =>
        new FieldErrors()
            .NotInFuture(SetAt ?? now, now, "setAt")
            .Require(!string.IsNullOrWhiteSpace(Intentions), "intentions", "must not be empty")
            .Require(TextLimits.Within(Intentions, TextLimits.MaxNotesLength), "intentions", $"must be at most {TextLimits.MaxNotesLength} characters")
            .InRange(ForDosingNumber, 1, 100, "forDosingNumber");
}

public sealed record SetIntentions(
    Guid CourseId,
    Guid IntentionsId,
    int? ForDosingNumber,
    Guid TherapistId,
    DateTimeOffset SetAt,
    string Intentions)
{
    public static Decision Decide(SetIntentions command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.IsOpenAt(state, command.CourseId, command.SetAt, "intentions", out var refused))
        {
            return refused;
        }

        if (state.IntentionIds.Contains(command.IntentionsId))
        {
            return Decision.Accept();
        }

        return Decision.Accept(new IntentionsSet(
            command.CourseId, command.IntentionsId, command.ForDosingNumber, command.TherapistId, command.SetAt, command.Intentions));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/intentions", Handle)
            .AsCommand("Integration sessions", "Record the intentions the patient set before a dosing session (PHI)", Roles.Therapist)
            .AcceptsIdempotencyKey()
            .WithRequestExample(new { intentions = "Approach the grief with curiosity", forDosingNumber = 1, setAt = "2026-12-07T13:30:00Z" });

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, SetIntentionsRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new SetIntentions(
            courseId, RecordIds.For(context.Http.Request, courseId, "intentions"), body.ForDosingNumber,
            clinician.Id, body.SetAt ?? now.Utc, body.Intentions ?? string.Empty);
        return await context.RecordOnCourseAsync(
            courseId,
            state => Decide(command, state, now, protocol),
            () => command.IntentionsId,
            body.Validate(now.Utc));
    }
}
