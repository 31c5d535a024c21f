namespace Integration.Api.Queries;

/// <summary>The questions the analyst tables are built to answer, as the SQL the documentation shows.</summary>
public static class AnalystQueries
{
    /// <summary>
    /// "What share of TRD patients on IV ketamine responded by week 4?" Counts courses (the tables hold no patient id)
    /// whose week-4 status is known; courses still short of week 4 are left out rather than counted as non-responders.
    /// </summary>
    public const string TrdIvRespondedByWeek4 = """
        select count(*) filter (where responded_by_week4) as responders,
               count(*) as courses,
               round(100.0 * count(*) filter (where responded_by_week4) / nullif(count(*), 0), 1) as percent_responded
        from reporting.integration_course_response
        where indication = 'TreatmentResistantDepression'
          and route = 'IvKetamine'
          and responded_by_week4 is not null
        """;
}
