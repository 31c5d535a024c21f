using Platform.Contracts;
using Platform.ServiceDefaults.Domain;

namespace Scheduling.Api.Domain;

/// <summary>
/// Shape checks on request input, reported per field as a 400. Business rules (409/422 with a rule id) live in
/// <see cref="CourseDecider"/>; unknown ids are the HTTP layer's 404. Each method adds to the given
/// <see cref="FieldErrors"/> (or a new one) and returns it, so a handler can chain all checks of a request.
/// </summary>
public static class InputValidation
{
    public const int MinSystolic = 50;
    public const int MaxSystolic = 300;
    public const int MinDiastolic = 20;
    public const int MaxDiastolic = 200;
    public const int MinHeartRate = 20;
    public const int MaxHeartRate = 250;

    /// <summary>Longest range the free-slot finder accepts in one call.</summary>
    public static readonly TimeSpan MaxSearchRange = TimeSpan.FromDays(62);

    public static FieldErrors Block(DateTimeOffset start, DateTimeOffset end, FieldErrors? errors = null, string prefix = "") =>
        (errors ?? new FieldErrors()).Require(end > start, Field(prefix, "end"), "must be after start");

    public static FieldErrors Vitals(VitalsReading? vitals, DateTimeOffset now, FieldErrors? errors = null, string prefix = "vitals")
    {
        errors ??= new FieldErrors();
        if (vitals is null)
        {
            return errors.Add(prefix, "is required");
        }

        errors
            .InRange(vitals.Systolic, MinSystolic, MaxSystolic, Field(prefix, "systolic"))
            .InRange(vitals.Diastolic, MinDiastolic, MaxDiastolic, Field(prefix, "diastolic"))
            .InRange(vitals.HeartRate, MinHeartRate, MaxHeartRate, Field(prefix, "heartRate"))
            .NotInFuture(vitals.TakenAt, now.AddMinutes(5), Field(prefix, "takenAt"));
        return errors.Require(vitals.Diastolic < vitals.Systolic, Field(prefix, "diastolic"), "must be below systolic");
    }

    /// <summary>A sanity cap per route catches unit and typing errors; it is not a prescribing limit.</summary>
    public static FieldErrors Dose(decimal doseMg, TreatmentRoute route, SchedulingProtocol protocol, FieldErrors? errors = null, string field = "doseMg")
    {
        errors ??= new FieldErrors();
        var routeProtocol = protocol.ForRoute(route);
        if (doseMg <= 0)
        {
            return errors.Add(field, "must be greater than 0");
        }

        if (doseMg > routeProtocol.MaxDoseMg)
        {
            return errors.Add(field, $"must not exceed {routeProtocol.MaxDoseMg} mg for {route}");
        }

        return routeProtocol.DoseIncrementMg > 0 && doseMg % routeProtocol.DoseIncrementMg != 0
            ? errors.Add(field, $"must be a multiple of {routeProtocol.DoseIncrementMg} mg for {route}")
            : errors;
    }

    /// <summary>CADSS-6 answers as the shared instrument catalog defines them (six items, 0-4 each).</summary>
    public static FieldErrors Cadss(IReadOnlyList<int>? items, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        foreach (var error in Platform.Instruments.InstrumentScorer.Score(Platform.Instruments.InstrumentCode.Cadss6, items).Errors)
        {
            errors.Add(error.Field, error.Message);
        }

        return errors;
    }

    public static FieldErrors Reason(string? reason, FieldErrors? errors = null, string field = "reason") =>
        (errors ?? new FieldErrors()).Require(!string.IsNullOrWhiteSpace(reason) && reason.Length <= 500, field, "is required (at most 500 characters)");

    /// <summary>Rules must end after they start and must not overlap another rule on the same day.</summary>
    public static FieldErrors WeeklyAvailability(IReadOnlyList<WeeklyAvailability> rules, FieldErrors? errors = null, string field = "weekly")
    {
        errors ??= new FieldErrors();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (!Enum.IsDefined(rule.Day))
            {
                errors.Add($"{field}[{i}].day", "is not a day of the week");
            }

            if (rule.End == rule.Start && rule.Start != TimeOnly.MinValue)
            {
                errors.Add($"{field}[{i}].end", "must differ from start (an end before the start is on the next day)");
                continue;
            }

            for (var j = 0; j < i; j++)
            {
                var other = rules[j];
                if (other.Day == rule.Day && !other.SpansMidnight && !rule.SpansMidnight && rule.Start < other.End && other.Start < rule.End)
                {
                    errors.Add($"{field}[{i}]", $"overlaps {field}[{j}] on {rule.Day}");
                }
            }
        }

        return errors;
    }

    public static FieldErrors TimeOff(IReadOnlyList<AvailabilityException> exceptions, FieldErrors? errors = null, string field = "exceptions")
    {
        errors ??= new FieldErrors();
        for (var i = 0; i < exceptions.Count; i++)
        {
            errors.Require(exceptions[i].End > exceptions[i].Start, $"{field}[{i}].end", "must be after start");
        }

        return errors;
    }

    public static FieldErrors TimeZone(string? timeZoneId, FieldErrors? errors = null, string field = "timeZoneId")
    {
        errors ??= new FieldErrors();
        return !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _)
            ? errors
            : errors.Add(field, "is not a known IANA time zone");
    }

    public static FieldErrors StaffMember(StaffMember member, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        errors.Require(!string.IsNullOrWhiteSpace(member.DisplayName), "displayName", "is required");
        errors.Require(Enum.IsDefined(member.Role), "role", "is not a known role");
        if (member.Role == StaffRole.MedicalProfessional)
        {
            errors.Require(member.MedicalKind is not null, "medicalKind", "is required for a medical professional");
        }

        if (member.Role == StaffRole.Therapist)
        {
            errors.Require(member.MedicalKind is null, "medicalKind", "must be empty for a therapist");
        }

        for (var i = 0; i < member.Credentials.Count; i++)
        {
            errors.Require(Enum.IsDefined(member.Credentials[i].Kind), $"credentials[{i}].kind", "is not a known credential");
        }

        return errors;
    }

    public static FieldErrors FreeSlotSearch(
        DateTimeOffset from, DateTimeOffset to, int blockMinutes, int stepMinutes, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        Block(from, to, errors, string.Empty);
        errors.Require(to - from <= MaxSearchRange, "to", $"must be at most {MaxSearchRange.TotalDays:0} days after from");
        errors.InRange(blockMinutes, 15, 480, "blockMinutes");
        return errors.InRange(stepMinutes, 5, 240, "stepMinutes");
    }

    private static string Field(string prefix, string name) => string.IsNullOrEmpty(prefix) ? name : $"{prefix}.{name}";
}
