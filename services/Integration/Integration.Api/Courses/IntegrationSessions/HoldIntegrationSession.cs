namespace Integration.Api.Courses;

/// <summary>
/// An integration session held after a dosing session. Themes are short tags; notes are PHI and only readable through
/// the notes endpoint. <paramref name="HeldAt"/> defaults to now.
/// </summary>
public sealed record HoldIntegrationSessionRequest(
    Guid? DosingSessionId,
    DateTimeOffset? HeldAt = null,
    IReadOnlyList<string>? Themes = null,
    string? Notes = null)
{
    public const int MaxThemes = 20;
    public const int MaxThemeLength = 100;

    public FieldErrors Validate(DateTimeOffset now)
    {
        var themes = Themes ?? [];
        return new FieldErrors()
            .NotInFuture(HeldAt ?? now, now, "heldAt")
            .Require(TextLimits.Within(Notes, TextLimits.MaxNotesLength), "notes", $"must be at most {TextLimits.MaxNotesLength} characters")
            .Require(themes.Count <= MaxThemes, "themes", $"at most {MaxThemes} themes")
            .Require(
                themes.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= MaxThemeLength),
                "themes",
                $"each theme must be non-empty and at most {MaxThemeLength} characters");
    }
}

public sealed record HoldIntegrationSession(
    Guid CourseId,
    Guid IntegrationSessionId,
    Guid? DosingSessionId,
    Guid TherapistId,
    DateTimeOffset HeldAt,
    IReadOnlyList<string> Themes,
    string? Notes)
{
    public static Decision Decide(HoldIntegrationSession command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.IsOpenAt(state, command.CourseId, command.HeldAt, "integration session", out var refused))
        {
            return refused;
        }

        if (state.IntegrationSessions.Any(i => i.IntegrationSessionId == command.IntegrationSessionId))
        {
            return Decision.Accept();
        }

        if (command.DosingSessionId is { } dosingId)
        {
            var dosing = state.DosingSessions.FirstOrDefault(d => d.SessionId == dosingId);
            if (dosing is null)
            {
                return CourseRefusals.UnknownDosingSession(dosingId);
            }

            if (command.HeldAt < dosing.DoseStartedAt)
            {
                return Decision.Reject(
                    RuleIds.IntegrationBeforeDosing,
                    $"An integration session follows its dosing session, which started at {dosing.DoseStartedAt:O}.");
            }
        }

        return Decision.Accept(new IntegrationSessionHeld(
            command.CourseId, command.IntegrationSessionId, command.DosingSessionId, command.TherapistId,
            command.HeldAt, command.Themes, command.Notes, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/integration-sessions", Handle)
            .AsCommand("Integration sessions", "Record an integration session held after a dosing session: themes and notes (PHI)", Roles.Therapist)
            .AcceptsIdempotencyKey()
            .WithRequestExample(new {
                dosingSessionId = "0197a3c2-5b1e-7d4a-9f00-000000000003",
                heldAt = "2026-12-08T15:00:00Z",
                themes = new[] { "grief", "connection" },
                notes = "Reflected on the image of the lake; plans to call her sister",
            });

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, HoldIntegrationSessionRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new HoldIntegrationSession(
            courseId, RecordIds.For(context.Http.Request, courseId, "integration-session"), body.DosingSessionId,
            clinician.Id, body.HeldAt ?? now.Utc, body.Themes ?? [], body.Notes);
        return await context.RecordOnCourseAsync(
            courseId,
            state => Decide(command, state, now, protocol),
            () => command.IntegrationSessionId,
            body.Validate(now.Utc));
    }
}
