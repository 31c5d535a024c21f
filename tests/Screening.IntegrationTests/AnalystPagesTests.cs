using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Privacy;
using Screening.Api.Screenings;

namespace Screening.IntegrationTests;

/// <summary>
/// The analysts' table does not depend on how the daemon pages the log. Screenings written in one page (as in a
/// rebuild or a burst) give the same rows as the same histories read one event per page, and both are the rows the
/// events mean: an evaluation counts only while the screening is open, a decline keeps the evaluated outcome, the
/// last re-screening flag wins.
/// </summary>
public sealed class AnalystPagesTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private static readonly DateTimeOffset Referred = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Histories_in_one_page_write_the_rows_they_write_one_event_per_page()
    {
        var inOnePage = await WriteAsync(oneEventPerPage: false);
        var onePerPage = await WriteAsync(oneEventPerPage: true);

        string[] expected =
        [
            // Evaluated twice, approved, evaluated again (ignored: no longer open), re-screening required, then waived.
            "approved|EligibleWithConditions|reproductive|p-approved|2026-04-01|course|f",
            // Evaluated, declined, evaluated again (ignored): the decline's categories and version, the first evaluation's outcome, no course.
            "declined|NeedsReview|psychiatric|p-declined|2026-04-01||f",
            "open|Ineligible|psychiatric|p-evaluated-2|||f",
            "open||||||t",
        ];
        // Joined, so a failure shows every row.
        Assert.Equal(string.Join('\n', expected), string.Join('\n', inOnePage));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', onePerPage));
    }

    /// <summary>Appends four screenings' histories and returns their rows, in that order.</summary>
    private async Task<List<string>> WriteAsync(bool oneEventPerPage)
    {
        var screenings = Enumerable.Range(0, 4).Select(_ => (Id: Guid.NewGuid(), Patient: Guid.NewGuid())).ToArray();
        var course = Guid.NewGuid();
        var keys = fixture.Host.Services.GetRequiredService<PatientKeys>();
        foreach (var (id, patient) in screenings)
        {
            await keys.EnsureAsync(id, patient, ClinicScope.Development, CancellationToken.None);
        }

        var histories = new[]
        {
            (screenings[0].Id, new object[]
            {
                Referral(screenings[0]),
                Evaluated(screenings[0].Id, EligibilityOutcome.Ineligible, RuleIds.Bipolar, "p-evaluated-1"),
                Evaluated(screenings[0].Id, EligibilityOutcome.EligibleWithConditions, RuleIds.Pregnancy, "p-evaluated-2"),
                Approved(screenings[0], course),
                Evaluated(screenings[0].Id, EligibilityOutcome.Ineligible, RuleIds.Bipolar, "p-after-sign-off"),
                new ReScreeningRequired(screenings[0].Id, screenings[0].Patient, course, Guid.NewGuid(), "safety hold", Referred.AddDays(30)),
                new ReScreeningWaived(screenings[0].Id, screenings[0].Patient, course, Guid.NewGuid(), "explained by the dose", null, true, Referred.AddDays(31)),
            }),
            (screenings[1].Id, new object[]
            {
                Referral(screenings[1]),
                Evaluated(screenings[1].Id, EligibilityOutcome.NeedsReview, RuleIds.PsychosisFamily, "p-evaluated"),
                new ScreeningDeclined(screenings[1].Id, screenings[1].Patient, Guid.NewGuid(), "prefers psychotherapy", [RuleIds.Bipolar], Referred.AddDays(25), "p-declined"),
                Evaluated(screenings[1].Id, EligibilityOutcome.Eligible, RuleIds.Pregnancy, "p-after-decline"),
            }),
            (screenings[2].Id, new object[]
            {
                Referral(screenings[2]),
                Evaluated(screenings[2].Id, EligibilityOutcome.NeedsReview, RuleIds.Pregnancy, "p-evaluated-1"),
                Evaluated(screenings[2].Id, EligibilityOutcome.Ineligible, RuleIds.Bipolar, "p-evaluated-2"),
            }),
            (screenings[3].Id, new object[]
            {
                Referral(screenings[3]),
                new ReScreeningRequired(screenings[3].Id, screenings[3].Patient, null, null, "approval expired", Referred.AddDays(100)),
            }),
        };

        if (oneEventPerPage)
        {
            for (var i = 0; histories.Any(h => i < h.Item2.Length); i++)
            {
                foreach (var (id, events) in histories.Where(h => i < h.Item2.Length))
                {
                    await AppendAsync(id, events[i], start: i == 0);
                    await fixture.Host.CatchUpAsync();
                }
            }
        }
        else
        {
            await using var session = fixture.Host.Store.LightweightSession(ClinicScope.Development);
            foreach (var (id, events) in histories)
            {
                session.Events.StartStream<ScreeningCase>(id, events);
            }

            await session.SaveChangesAsync();
            await fixture.Host.CatchUpAsync();
        }

        return await RowsAsync([.. screenings.Select(s => s.Id)], course);
    }

    private async Task AppendAsync(Guid id, object e, bool start)
    {
        await using var session = fixture.Host.Store.LightweightSession(ClinicScope.Development);
        if (start)
        {
            session.Events.StartStream<ScreeningCase>(id, e);
        }
        else
        {
            session.Events.Append(id, e);
        }

        await session.SaveChangesAsync();
    }

    private static ScreeningReferred Referral((Guid Id, Guid Patient) s) =>
        new(s.Id, s.Patient, $"EHR-{s.Id:N}", "Dr Referrer", Platform.Contracts.Indication.TreatmentResistantDepression, Platform.Contracts.TreatmentRoute.IvKetamine,
            new PatientIdentity("Alex Example", new DateOnly(1985, 1, 1), null, null), Guid.NewGuid(), Referred);

    private static EligibilityEvaluated Evaluated(Guid id, EligibilityOutcome outcome, string ruleId, string protocol) =>
        new(id, outcome, [new EligibilityReason(ruleId, outcome, "finding", [])], [], [], protocol, Referred.AddDays(2));

    private static ScreeningApproved Approved((Guid Id, Guid Patient) s, Guid course) =>
        new(s.Id, course, s.Patient, Platform.Contracts.Indication.TreatmentResistantDepression, Platform.Contracts.TreatmentRoute.IvKetamine, EligibilityOutcome.EligibleWithConditions,
            [RuleIds.Pregnancy], [], [], null, Guid.NewGuid(), null, Referred.AddDays(24), Referred.AddDays(114), "p-approved");

    private async Task<List<string>> RowsAsync(Guid[] screenings, Guid course)
    {
        var pseudonyms = fixture.Host.Services.GetRequiredService<AnalystPseudonyms>();
        await using var connection = new NpgsqlConnection(fixture.Host.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select concat_ws('|', outcome, coalesce(eligibility_outcome, ''), array_to_string(fired_rule_categories, ','), coalesce(protocol_version, ''),
                   coalesce(decision_month::text, ''), case when course_key = @course then 'course' else coalesce(course_key::text, '') end,
                   case when re_screening_required then 't' else 'f' end)
            from reporting.screening_decisions where screening_key = any(@keys) order by array_position(@keys, screening_key)
            """, connection);
        command.Parameters.AddWithValue("course", pseudonyms.Course(course));
        command.Parameters.AddWithValue("keys", screenings.Select(pseudonyms.Screening).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
