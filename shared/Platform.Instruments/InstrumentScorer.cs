namespace Platform.Instruments;

/// <summary>
/// The single entry point: validates item answers against the instrument and computes total, band and,
/// for the C-SSRS screener, the risk level.
/// </summary>
public static class InstrumentScorer
{
    public const string ItemsField = "items";

    /// <param name="code">Which instrument was administered.</param>
    /// <param name="items">Item answers in questionnaire order (index 0 is item 1).</param>
    /// <param name="behaviourWithinPastThreeMonths">
    /// C-SSRS only: the follow-up to Q6; required when Q6 is answered "yes", ignored otherwise.
    /// </param>
    public static ScoringOutcome Score(
        InstrumentCode code,
        IReadOnlyList<int>? items,
        bool? behaviourWithinPastThreeMonths = null)
    {
        var definition = InstrumentCatalog.Get(code);
        var errors = Validate(definition, items, behaviourWithinPastThreeMonths);
        if (errors.Count > 0)
        {
            return ScoringOutcome.Invalid(errors);
        }

        var answers = items!.ToArray();
        var result = code switch {
            InstrumentCode.CssrsScreener => ScoreCssrs(definition, answers, behaviourWithinPastThreeMonths ?? false),
            _ => Banded(definition, answers, TotalOf(code, answers)),
        };
        return ScoringOutcome.Scored(result);
    }

    private static List<InstrumentFieldError> Validate(
        InstrumentDefinition definition,
        IReadOnlyList<int>? items,
        bool? behaviourWithinPastThreeMonths)
    {
        var errors = new List<InstrumentFieldError>();
        if (items is null || items.Count != definition.ItemCount)
        {
            errors.Add(new(ItemsField, $"{definition.Name} needs {definition.ItemCount} items, got {items?.Count ?? 0}"));
            return errors;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] < definition.MinAnswer || items[i] > definition.MaxAnswer)
            {
                errors.Add(new($"{ItemsField}[{i}]", $"must be between {definition.MinAnswer} and {definition.MaxAnswer}"));
            }
        }

        var q6Yes = definition.Code == InstrumentCode.CssrsScreener && errors.Count == 0 && items[5] == 1;
        if (q6Yes && behaviourWithinPastThreeMonths is null)
        {
            errors.Add(new(CssrsScreener.RecentBehaviourField, "is required when question 6 (suicidal behaviour) is answered yes"));
        }

        return errors;
    }

    private static int TotalOf(InstrumentCode code, IReadOnlyList<int> items) => code switch {
        InstrumentCode.Phq9 => Phq9.Total(items),
        InstrumentCode.Gad7 => Gad7.Total(items),
        InstrumentCode.Pcl5 => Pcl5.Total(items),
        InstrumentCode.Madrs => Madrs.Total(items),
        InstrumentCode.QidsSr16 => QidsSr16.Total(items),
        InstrumentCode.Cadss6 => Cadss6.Total(items),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a summed instrument."),
    };

    private static string BandOf(InstrumentCode code, int total) => code switch {
        InstrumentCode.Phq9 => Phq9.Band(total),
        InstrumentCode.Gad7 => Gad7.Band(total),
        InstrumentCode.Pcl5 => Pcl5.Band(total),
        InstrumentCode.Madrs => Madrs.Band(total),
        InstrumentCode.QidsSr16 => QidsSr16.Band(total),
        InstrumentCode.Cadss6 => Cadss6.Band(total),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a banded instrument."),
    };

    private static InstrumentResult Banded(InstrumentDefinition d, int[] items, int total) =>
        new(d.Code, d.Name, items, total, BandOf(d.Code, total), null, d.LoincTotalCode, d.LoincPanelCode);

    private static InstrumentResult ScoreCssrs(InstrumentDefinition d, int[] items, bool recentBehaviour)
    {
        var risk = CssrsScreener.RiskLevel(items, recentBehaviour);
        return new(d.Code, d.Name, items, CssrsScreener.Total(items), CssrsScreener.Band(risk), risk, d.LoincTotalCode, d.LoincPanelCode);
    }
}
