using Platform.Instruments;

namespace Integration.Api.Courses;

/// <summary>
/// The instrument vocabulary of this service is the shared <see cref="InstrumentCode"/>, stored and answered under
/// its serialised name ("PHQ-9", "C-SSRS"...; the catalog's definition names). Baselines arriving from Screening and
/// events stored before the vocabulary was fixed ("Phq9", "CssrsScreener") are resolved through
/// <see cref="InstrumentCatalog.TryFind"/>, so every comparison goes through one canonical name.
/// </summary>
public static class InstrumentNames
{
    // The names this service compares against, read from the catalog so there is one spelling.
    public static string Phq9 { get; } = NameOf(InstrumentCode.Phq9);
    public static string Gad7 { get; } = NameOf(InstrumentCode.Gad7);
    public static string Pcl5 { get; } = NameOf(InstrumentCode.Pcl5);
    public static string Cssrs { get; } = NameOf(InstrumentCode.CssrsScreener);
    public static string Madrs { get; } = NameOf(InstrumentCode.Madrs);
    public static string QidsSr16 { get; } = NameOf(InstrumentCode.QidsSr16);

    public static string NameOf(InstrumentCode code) => InstrumentCatalog.Get(code).Name;

    /// <summary>The instrument's code, from its serialised name or its enum name, ignoring case.</summary>
    public static InstrumentCode? CodeOf(string? instrument) =>
        !string.IsNullOrWhiteSpace(instrument) && InstrumentCatalog.TryFind(instrument.Trim(), out var definition)
            ? definition.Code
            : null;

    /// <summary>The canonical name ("PHQ-9"); an instrument outside the catalog keeps its own spelling.</summary>
    public static string Key(string instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return CodeOf(instrument) is { } code ? NameOf(code) : instrument;
    }

    public static bool Same(string left, string right) => Key(left) == Key(right);

    /// <summary>Symptom scales where a lower total is better, so a drop from baseline can be a response.</summary>
    public static bool HasResponse(string instrument) =>
        CodeOf(instrument) is InstrumentCode.Phq9 or InstrumentCode.Gad7 or InstrumentCode.Pcl5 or InstrumentCode.Madrs or InstrumentCode.QidsSr16;
}
