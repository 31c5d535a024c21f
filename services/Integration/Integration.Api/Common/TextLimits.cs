namespace Integration.Api.Common;

/// <summary>
/// Length limits of the free-text fields the command requests carry, checked by each request's Validate and declared on
/// the field ([MaxLength], so the OpenAPI documents say maxLength) where tighter than the 20,000 every string obeys.
/// </summary>
public static class TextLimits
{
    public const int MaxJustificationLength = 2_000;
    public const int MaxShortTextLength = 2_000;
    public const int MaxNotesLength = 20_000;

    public static bool Within(string? text, int max) => text is null || text.Length <= max;
}
