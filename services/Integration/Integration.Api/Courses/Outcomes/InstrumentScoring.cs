using Platform.Instruments;

namespace Integration.Api.Courses;

/// <summary>
/// The thin bridge from item answers to <see cref="ScoredInstrument"/>: the shared scorer validates and scores, the
/// deciders only see the result. The instrument is stored under its code's serialised name ("PHQ-9", "C-SSRS").
/// </summary>
public static class InstrumentScoring
{
    public const string InstrumentField = "instrument";

    /// <summary>Accepts the code's serialised name ("PHQ-9", "C-SSRS", "QIDS-SR16") or its enum name, ignoring case.</summary>
    public static bool TryParse(string? instrument, out InstrumentCode code)
    {
        var found = InstrumentNames.CodeOf(instrument);
        code = found ?? default;
        return found is not null;
    }

    /// <summary>Returns the scored instrument, or null with the field errors (unknown instrument, bad item answers).</summary>
    public static (ScoredInstrument? Scored, FieldErrors Errors) Score(
        string? instrument,
        IReadOnlyList<int>? items,
        bool? behaviourWithinPastThreeMonths = null)
    {
        var errors = new FieldErrors();
        if (!TryParse(instrument, out var code))
        {
            errors.Add(InstrumentField, "unknown instrument");
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
            InstrumentNames.NameOf(result.Instrument),
            result.Items,
            result.Total,
            result.Band,
            result.RiskLevel?.ToString().ToLowerInvariant()), errors);
    }
}
