namespace Screening.Api.Screenings;

/// <summary>Checks FieldErrors lacks: text, decimals, calendar dates and enum values.</summary>
internal static class FieldChecks
{
    public const int MaxTextLength = 500;

    public static FieldErrors RequiredText(this FieldErrors errors, string? value, string field, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return errors.Add(field, "is required");
        }

        return errors.Require(value.Length <= maxLength, field, $"must be at most {maxLength} characters");
    }

    public static FieldErrors OptionalText(this FieldErrors errors, string? value, string field, int maxLength = MaxTextLength) =>
        errors.Require(value is null || value.Length <= maxLength, field, $"must be at most {maxLength} characters");

    public static FieldErrors InRange(this FieldErrors errors, decimal? value, decimal min, decimal max, string field) =>
        errors.Require(value is null || (value >= min && value <= max), field, $"must be between {min} and {max}");

    public static FieldErrors NotInFuture(this FieldErrors errors, DateOnly? value, DateOnly today, string field) =>
        errors.Require(value is null || value <= today, field, "must not be in the future");

    public static FieldErrors Defined<TEnum>(this FieldErrors errors, TEnum value, string field)
        where TEnum : struct, Enum =>
        errors.Require(Enum.IsDefined(value), field, $"is not a known {typeof(TEnum).Name}");

    public static FieldErrors NotEmpty(this FieldErrors errors, Guid value, string field) =>
        errors.Require(value != Guid.Empty, field, "is required");

}
