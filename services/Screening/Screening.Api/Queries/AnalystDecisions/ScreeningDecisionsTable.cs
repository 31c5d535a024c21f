using Platform.ServiceDefaults.Analytics;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Screening.Api.Queries;

/// <summary>
/// The analysts' de-identified table, reporting.screening_decisions: one row per screening with codes, rule
/// categories and months only, keyed by pseudonyms. No names, birth dates, contacts, operational or patient ids,
/// rule ids or free text ever go in here.
/// </summary>
public static class ScreeningDecisionsTable
{
    public const string Schema = "reporting";
    public const string Name = "screening_decisions";
    public const string QualifiedName = Schema + "." + Name;

    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("screening_key").AsPrimaryKey();
        table.AddColumn<string>(ReportingRowSecurity.ClinicColumn).NotNull();
        table.AddColumn<Guid>("course_key");
        table.AddColumn<string>("indication").NotNull();
        table.AddColumn<string>("route").NotNull();
        table.AddColumn("referral_month", "date").NotNull();
        table.AddColumn<string>("eligibility_outcome");
        table.AddColumn<string>("outcome").NotNull();
        table.AddColumn("fired_rule_categories", "text[]").NotNull();
        table.AddColumn<string>("protocol_version");
        table.AddColumn("decision_month", "date");
        table.AddColumn<bool>("re_screening_required").NotNull().DefaultValueByExpression("false");
        return table;
    }
}
