using Platform.ServiceDefaults.Analytics;

namespace Screening.Api.Queries;

/// <summary>
/// Screening's analyst table, reporting.screening_decisions, de-identified: one row per screening with codes, rule
/// categories and months only, keyed by pseudonyms. No names, birth dates, contacts, operational or patient ids,
/// rule ids or free text ever go in here.
/// </summary>
public static class AnalystTables
{
    public static readonly AnalystTable ScreeningDecisions = new(
        "screening_decisions",
        [
            new("screening_key", "uuid"),
            new("course_key", "uuid"),
            new("indication", "text", false),
            new("route", "text", false),
            new("referral_month", "date", false),
            new("eligibility_outcome", "text"),
            new("outcome", "text", false),
            new("fired_rule_categories", "text[]", false),
            new("protocol_version", "text"),
            new("decision_month", "date"),
            new("re_screening_required", "boolean", false, "false"),
        ],
        ["screening_key"]);

    public static readonly IReadOnlyList<AnalystTable> All = [ScreeningDecisions];
}
