namespace Platform.Instruments;

/// <summary>
/// Quick Inventory of Depressive Symptomatology, self report, 16 items. The total is not the item sum:
/// each of the 9 DSM symptom domains counts once, taking the highest item where a domain has several.
/// </summary>
public static class QidsSr16
{
    public static InstrumentDefinition Definition { get; } =
        new(InstrumentCode.QidsSr16, "QIDS-SR16", ItemCount: 16, MinAnswer: 0, MaxAnswer: 3, MaxTotal: 27, null, null);

    /// <summary>Items are in questionnaire order: index 0 is item 1.</summary>
    public static int Total(IReadOnlyList<int> items)
    {
        int Item(int number) => items[number - 1];
        int MaxOf(int first, int last) => Enumerable.Range(first, last - first + 1).Max(Item);

        var sleep = MaxOf(1, 4);
        var sadMood = Item(5);
        var appetiteOrWeight = MaxOf(6, 9);
        var concentration = Item(10);
        var selfView = Item(11);
        var suicidalIdeation = Item(12);
        var interest = Item(13);
        var energy = Item(14);
        var psychomotor = MaxOf(15, 16);

        return sleep + sadMood + appetiteOrWeight + concentration + selfView + suicidalIdeation + interest + energy
            + psychomotor;
    }

    public static string Band(int total) => total switch {
        <= 5 => "none",
        <= 10 => "mild",
        <= 15 => "moderate",
        <= 20 => "severe",
        _ => "very severe",
    };
}
