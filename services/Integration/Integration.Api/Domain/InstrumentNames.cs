namespace Integration.Api.Domain;

/// <summary>
/// Baselines arrive from Screening and measurements from our own scorer; the two may spell an instrument differently
/// ("PHQ-9", "Phq9", "phq9"), so every comparison goes through one canonical key.
/// </summary>
public static class InstrumentNames
{
    public const string Phq9 = "phq9";
    public const string Gad7 = "gad7";
    public const string Pcl5 = "pcl5";
    public const string Cssrs = "cssrs";
    public const string Madrs = "madrs";
    public const string QidsSr16 = "qidssr16";
    public const string Cadss6 = "cadss6";

    public static string Key(string instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var key = string.Concat(instrument.Where(char.IsLetterOrDigit)).ToLowerInvariant();

        // The scoring library names the C-SSRS "C-SSRS screener" / CssrsScreener; it is the only C-SSRS form used.
        return key.StartsWith(Cssrs, StringComparison.Ordinal) ? Cssrs : key;
    }

    public static bool Same(string left, string right) => Key(left) == Key(right);

    /// <summary>Symptom scales where a lower total is better, so a drop from baseline can be a response.</summary>
    public static bool HasResponse(string instrument) =>
        Key(instrument) is Phq9 or Gad7 or Pcl5 or Madrs or QidsSr16;
}
