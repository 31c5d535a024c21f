using Platform.Instruments;

namespace Screening.Api.Screenings;

/// <summary>
/// Item answers only, in questionnaire order: the service validates and scores them. For the C-SSRS screener
/// with question 6 "yes", give <paramref name="BehaviourWithinPastThreeMonths"/> or
/// <paramref name="SuicidalBehaviourLastOn"/>.
/// </summary>
public sealed record InstrumentRequest(
    InstrumentCode Instrument,
    IReadOnlyList<int> Items,
    DateTimeOffset? AdministeredAt = null,
    bool? BehaviourWithinPastThreeMonths = null,
    DateOnly? SuicidalBehaviourLastOn = null);

/// <summary>
/// Item answers only: the service scores them. For the C-SSRS screener with Q6 "yes", give either the
/// form's yes/no follow-up <paramref name="BehaviourWithinPastThreeMonths"/> or the date of the last
/// behaviour, which is compared with the protocol's behaviour window.
/// </summary>
public sealed record AdministerInstrument(
    InstrumentCode Instrument,
    IReadOnlyList<int> Items,
    DateTimeOffset? AdministeredAt,
    Guid RecordedBy,
    bool? BehaviourWithinPastThreeMonths = null,
    DateOnly? SuicidalBehaviourLastOn = null)
{
    public FieldErrors Validate(ClinicTime now, ScreeningProtocol protocol)
    {
        var errors = new FieldErrors()
            .NotInFuture(AdministeredAt, now.Utc, "administeredAt")
            .NotInFuture(SuicidalBehaviourLastOn, now.Today, "suicidalBehaviourLastOn")
            .Defined(Instrument, "instrument");
        if (errors.Any)
        {
            return errors;
        }

        foreach (var error in InstrumentScorer.Score(Instrument, Items, RecentBehaviour(now, protocol)).Errors)
        {
            errors.Add(error.Field, error.Message);
        }

        return errors;
    }

    /// <summary>The form's yes/no answer wins; otherwise the last behaviour date against the protocol window.</summary>
    public bool? RecentBehaviour(ClinicTime now, ScreeningProtocol protocol) =>
        BehaviourWithinPastThreeMonths
        ?? (SuicidalBehaviourLastOn is { } last
            ? last > now.Today.AddMonths(-protocol.CssrsBehaviourWindowMonths)
            : null);

    public static Decision Decide(AdministerInstrument command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (!ScreeningRefusals.IsOpen(state, out var refused))
        {
            return refused;
        }

        var recent = command.RecentBehaviour(now, protocol);
        var score = InstrumentScorer.Score(command.Instrument, command.Items, recent).Result!;
        return ScreeningRules.AcceptWithEvaluation(
            state,
            now,
            protocol,
            new InstrumentAdministered(
                state.Id,
                score.Instrument,
                score.Name,
                score.Items,
                score.Instrument == InstrumentCode.CssrsScreener ? recent : null,
                score.Total,
                score.Band,
                score.RiskLevel,
                score.LoincCode,
                command.AdministeredAt ?? now.Utc,
                command.RecordedBy,
                now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPost("/{screeningId:guid}/instruments", Handle).AsFact("Record an instrument's item answers; the service scores them");

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, InstrumentRequest body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new AdministerInstrument(
            body.Instrument, body.Items, body.AdministeredAt, clinician.Id, body.BehaviourWithinPastThreeMonths, body.SuicidalBehaviourLastOn);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now, protocol), command.Validate(now, protocol));
    }
}
