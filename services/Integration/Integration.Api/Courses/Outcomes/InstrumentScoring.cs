namespace Integration.Api.Courses;

/// <summary>
/// The thin bridge from item answers to <see cref="ScoredInstrument"/>: the shared scorer validates and scores, the
/// deciders only see the result.
/// </summary>
public static class InstrumentScoring
{
    public const string InstrumentField = "instrument";

    /// <summary>Returns the scored instrument, or null with the field errors (no instrument, bad item answers).</summary>
    public static (ScoredInstrument? Scored, FieldErrors Errors) Score(
        InstrumentCode? instrument,
        IReadOnlyList<int>? items,
        bool? behaviourWithinPastThreeMonths = null)
    {
        var errors = new FieldErrors();
        if (instrument is not { } code)
        {
            errors.Add(InstrumentField, "is required");
            return (null, errors);
        }

        var outcome = InstrumentScorer.Score(code, items, behaviourWithinPastThreeMonths);
        if (outcome.Result is not { } result)
        {
            foreach (var error in outcome.Errors)
            {
                errors.Add(error.Field, error.Message);
            }

            return (null, errors);
        }

        return (new ScoredInstrument(
            result.Instrument,
            result.Items,
            result.Total,
            result.Band,
            result.RiskLevel?.ToString().ToLowerInvariant()), errors);
    }
}
