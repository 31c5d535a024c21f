namespace Scheduling.Api.Resources;

/// <summary>Shape checks on staff and schedules, reported per field as a 400.</summary>
public static class ResourceInput
{
    public static FieldErrors StaffMember(this FieldErrors errors, StaffMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
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

        if (member.Credentials.Count > MaxCredentials)
        {
            return errors.Add("credentials", $"must hold at most {MaxCredentials} credentials");
        }

        for (var i = 0; i < member.Credentials.Count; i++)
        {
            errors.Require(Enum.IsDefined(member.Credentials[i].Kind), $"credentials[{i}].kind", "is not a known credential");
        }

        return errors;
    }

    public const int MaxCredentials = 20;

    /// <summary>Ten windows a day: more is a mistake, and the overlap check below compares every pair.</summary>
    public const int MaxWeeklyRules = 70;

    /// <summary>A year of single days off.</summary>
    public const int MaxTimeOff = 366;

    /// <summary>Rules must end after they start and must not overlap another rule on the same day.</summary>
    public static FieldErrors WeeklyAvailability(this FieldErrors errors, IReadOnlyList<WeeklyAvailability> rules, string field = "weekly")
    {
        if (rules.Count > MaxWeeklyRules)
        {
            return errors.Add(field, $"must hold at most {MaxWeeklyRules} weekly windows");
        }

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

    public static FieldErrors TimeOff(this FieldErrors errors, IReadOnlyList<AvailabilityException> exceptions, string field = "timeOff")
    {
        if (exceptions.Count > MaxTimeOff)
        {
            return errors.Add(field, $"must hold at most {MaxTimeOff} entries");
        }

        for (var i = 0; i < exceptions.Count; i++)
        {
            errors.Require(exceptions[i].End > exceptions[i].Start, $"{field}[{i}].end", "must be after start");
        }

        return errors;
    }
}
