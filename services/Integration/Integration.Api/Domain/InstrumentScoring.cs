using Platform.Instruments;
using Platform.ServiceDefaults.Domain;

namespace Integration.Api.Domain;

/// <summary>
/// The thin bridge from item answers to <see cref="ScoredInstrument"/>: the shared scorer validates and scores, the
/// deciders only see the result. The instrument is stored under its code name (Phq9, CssrsScreener), which is stable.
/// </summary>
public static class InstrumentScoring
{
    public const string InstrumentField = "instrument";

    /// <summary>Accepts "PHQ-9", "Phq9", "C-SSRS", "QIDS-SR16"... ignoring case and punctuation.</summary>
    public static bool TryParse(string? instrument, out InstrumentCode code)
    {
        var key = string.IsNullOrWhiteSpace(instrument) ? null : InstrumentNames.Key(instrument);
        var found = key is null
            ? null
            : InstrumentCatalog.All.FirstOrDefault(d =>
                InstrumentNames.Key(d.Name) == key || InstrumentNames.Key(d.Code.ToString()) == key);
        code = found?.Code ?? default;
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
            result.Instrument.ToString(),
            result.Items,
            result.Total,
            result.Band,
            result.RiskLevel?.ToString().ToLowerInvariant()), errors);
    }
}
