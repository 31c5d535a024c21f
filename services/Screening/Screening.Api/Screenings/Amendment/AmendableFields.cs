using System.Globalization;
using System.Text.RegularExpressions;

namespace Screening.Api.Screenings;

/// <summary>
/// The recorded facts a privacy officer may correct, named by their path in the request that recorded them
/// (<c>patient.birthDate</c>, <c>medications[0].name</c>), with the value as text: a date as yyyy-MM-dd.
/// Clinical facts of an open screening are corrected by recording them again; these are the ones that stay after it.
/// </summary>
public static partial class AmendableFields
{
    public const string FullName = "patient.fullName";
    public const string BirthDate = "patient.birthDate";
    public const string Email = "patient.email";
    public const string Phone = "patient.phone";

    /// <summary>What the OpenAPI description and a refused field name list.</summary>
    public const string Known = $"{FullName}, {BirthDate}, {Email}, {Phone}, medications[n].name";

    /// <summary>The request's check of <paramref name="field"/>, the same for a correction and a refusal.</summary>
    public static FieldErrors KnownField(this FieldErrors errors, string field) =>
        errors.Require(field is FullName or BirthDate or Email or Phone || MedicationName().IsMatch(field), "field", $"must be one of {Known}");

    /// <summary>The field's current value as text; false when this screening has no such fact (no medication n).</summary>
    public static bool TryRead(ScreeningCase screening, string field, out string? value)
    {
        var patient = screening.Referral.Patient;
        (var known, value) = field switch {
            FullName => (true, patient.FullName),
            BirthDate => (true, patient.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Email => (true, patient.Email),
            Phone => (true, patient.Phone),
            _ when MedicationIndex(screening, field) is { } i => (true, screening.Medications![i].Name),
            _ => (false, null),
        };
        return known;
    }

    /// <summary>
    /// The screening with the field set to an already validated value (the amendment's fold and its decision). A date that
    /// no longer reads (the patient was erased, so the value is a placeholder) leaves the case as it is: the stream still folds.
    /// </summary>
    public static ScreeningCase Apply(ScreeningCase screening, string field, string? value)
    {
        var patient = screening.Referral.Patient;
        return field switch {
            FullName => WithPatient(screening, patient with { FullName = value! }),
            BirthDate when ParseDate(value) is { } date => WithPatient(screening, patient with { BirthDate = date }) with { BirthYear = date.Year },
            Email => WithPatient(screening, patient with { Email = value }),
            Phone => WithPatient(screening, patient with { Phone = value }),
            _ when MedicationIndex(screening, field) is { } i => screening with {
                Medications = [.. screening.Medications!.Select((m, at) => at == i ? m with { Name = value! } : m)],
            },
            _ => screening,
        };
    }

    /// <summary>The checks of the referral and the medication list, applied to the corrected value; errors name <c>value</c>.</summary>
    public static FieldErrors Check(ScreeningCase screening, string field, string? value, DateOnly today)
    {
        var errors = new FieldErrors();
        if (!TryRead(screening, field, out _))
        {
            return errors.Add("field", $"names no fact of this screening ({screening.Medications?.Count ?? 0} medications recorded)");
        }

        var patient = screening.Referral.Patient;
        return field switch {
            BirthDate => ParseDate(value) is { } date
                ? errors.NotInFuture(date, today, "value").Require(date > today.AddYears(-130), "value", "must be within the last 130 years")
                : errors.Add("value", "must be a date (yyyy-MM-dd)"),
            Email => errors
                .OptionalText(value, "value")
                .Require(value is null || value.Contains('@', StringComparison.Ordinal), "value", "must be an email address")
                .Require(value is not null || patient.Phone is not null, "value", "an email or a phone number is required: the patient has no phone number"),
            Phone => errors
                .OptionalText(value, "value", 50)
                .Require(value is not null || patient.Email is not null, "value", "an email or a phone number is required: the patient has no email"),
            _ => errors.RequiredText(value, "value"),
        };
    }

    private static ScreeningCase WithPatient(ScreeningCase screening, PatientIdentity patient) =>
        screening with { Referral = screening.Referral with { Patient = patient } };

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int? MedicationIndex(ScreeningCase screening, string field) =>
        MedicationName().Match(field) is { Success: true } match
        && int.TryParse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var i)
        && i < (screening.Medications?.Count ?? 0)
            ? i
            : null;

    [GeneratedRegex(@"^medications\[(\d{1,3})\]\.name$", RegexOptions.CultureInvariant)]
    private static partial Regex MedicationName();
}
