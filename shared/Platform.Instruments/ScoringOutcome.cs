namespace Platform.Instruments;

/// <summary>Either a scored result or the field errors that prevented scoring; never both.</summary>
public sealed record ScoringOutcome
{
    private ScoringOutcome(InstrumentResult? result, IReadOnlyList<InstrumentFieldError> errors)
    {
        Result = result;
        Errors = errors;
    }

    public InstrumentResult? Result { get; }

    public IReadOnlyList<InstrumentFieldError> Errors { get; }

    public bool IsValid => Result is not null;

    public static ScoringOutcome Scored(InstrumentResult result) => new(result, []);

    public static ScoringOutcome Invalid(IReadOnlyList<InstrumentFieldError> errors) => new(null, errors);
}
