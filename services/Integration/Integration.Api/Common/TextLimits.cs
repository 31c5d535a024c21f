namespace Integration.Api.Common;

/// <summary>Length limits of the free-text fields the command requests carry (checked by each request's Validate).</summary>
public static class TextLimits
{
    public const int MaxJustificationLength = 2_000;
    public const int MaxShortTextLength = 2_000;
    public const int MaxNotesLength = 20_000;

    public static bool Within(string? text, int max) => text is null || text.Length <= max;
}
