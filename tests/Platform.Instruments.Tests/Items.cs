namespace Platform.Instruments.Tests;

/// <summary>Builds item answer lists that add up to a wanted total.</summary>
internal static class Items
{
    /// <summary>Fills items from the first onwards with the maximum answer until the total is reached.</summary>
    public static int[] Totalling(int total, int count, int maxAnswer)
    {
        var items = new int[count];
        var remaining = total;
        for (var i = 0; i < count && remaining > 0; i++)
        {
            items[i] = Math.Min(maxAnswer, remaining);
            remaining -= items[i];
        }

        return remaining == 0 ? items : throw new ArgumentOutOfRangeException(nameof(total));
    }

    public static InstrumentResult ScoreOrFail(InstrumentCode code, int[] items, bool? recentBehaviour = null)
    {
        var outcome = InstrumentScorer.Score(code, items, recentBehaviour);
        Assert.True(outcome.IsValid, string.Join("; ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return outcome.Result!;
    }
}
