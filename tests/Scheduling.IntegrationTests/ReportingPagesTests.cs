using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Analytics;

namespace Scheduling.IntegrationTests;

/// <summary>
/// The analyst tables do not depend on how the daemon pages the log. A course's history read in one page (as in a
/// rebuild or a burst) writes the same rows as the same history read one event per page, and both are the rows the
/// events mean: the last status and move win, a cancellation removes the utilisation rows, dates are clinic-local.
/// </summary>
public sealed class ReportingPagesTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private readonly Guid therapist = Guid.NewGuid();
    private readonly Guid medical = Guid.NewGuid();
    private readonly Guid roomA = Guid.NewGuid();
    private readonly Guid roomB = Guid.NewGuid();

    [Fact]
    public async Task A_history_in_one_page_writes_the_rows_it_writes_one_event_per_page()
    {
        var inOnePage = await WriteAsync(oneEventPerPage: false);
        var onePerPage = await WriteAsync(oneEventPerPage: true);

        string[] expected =
        [
            "course|TreatmentResistantDepression|IvKetamine|2026-03-01|2026-06-01",
            // Booked on 31 March at 23:30 (1 April in UTC), moved to Sunday 31 May at 22:00 (1 June in UTC), cancelled late.
            "session|s1|Integration|IvKetamine|2026-05-01|2026-05-25|90||Cancelled|t|f",
            "session|s2|Preparation|IvKetamine|2026-04-01|2026-03-30|60||NoShow|f|t",
            "session|s3|Dosing|IvKetamine|2026-04-01|2026-03-30|120|1|Completed|f|f",
            "session|s4|Integration|IvKetamine|2026-04-01|2026-03-30|60||Held|f|f",
            "cancellation|s1|Integration|cancelled|Patient|t|10|2026-05-01|2026-05-25",
            "cancellation|s2|Preparation|no_show||f||2026-04-01|2026-03-30",
            "resource|s2|therapist|Therapist|2026-04-02|60",
            "resource|s3|medical|MedicalProfessional|2026-04-03|120",
            "resource|s3|room A|Room|2026-04-03|120",
            "resource|s3|therapist|Therapist|2026-04-03|120",
            "resource|s4|room B|Room|2026-04-05|60",
            "resource|s4|therapist|Therapist|2026-04-05|60",
        ];
        // Joined, so a failure shows every row.
        Assert.Equal(string.Join('\n', expected), string.Join('\n', inOnePage));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', onePerPage));
    }

    /// <summary>Appends one course's history and returns its analyst rows, keys replaced by labels, in a fixed order.</summary>
    private async Task<List<string>> WriteAsync(bool oneEventPerPage)
    {
        var courseId = Guid.NewGuid();
        var sessions = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var history = History(courseId, sessions);
        if (oneEventPerPage)
        {
            await AppendAsync(courseId, history[..1], start: true);
            await app.Host.CatchUpAsync();
            foreach (var e in history[1..])
            {
                await AppendAsync(courseId, [e], start: false);
                await app.Host.CatchUpAsync();
            }
        }
        else
        {
            await AppendAsync(courseId, history, start: true);
            await app.Host.CatchUpAsync();
        }

        return await RowsAsync(courseId, sessions);
    }

    private async Task AppendAsync(Guid courseId, object[] events, bool start)
    {
        await using var session = app.Host.Store.LightweightSession(ClinicScope.Development);
        if (start)
        {
            session.Events.StartStream<TreatmentCourse>(courseId, events);
        }
        else
        {
            session.Events.Append(courseId, events);
        }

        await session.SaveChangesAsync();
    }

    private DateTimeOffset Local(int month, int day, int hour, int minute = 0) =>
        ClinicCalendar.ToUtc(new DateOnly(2026, month, day), new TimeOnly(hour, minute), app.Zone);

    private object[] History(Guid courseId, Guid[] s)
    {
        var approval = SchedulingApp.Approval(courseId, Local(3, 15, 9));
        var opened = OpenCourse.Decide(new OpenCourse(PatientApprovedForTreatmentV2.From(approval)), null, ClinicTime.At(Local(3, 15, 9), app.Zone), app.Protocol)
            .Events.OfType<CourseOpened>().Single();
        var movedStart = Local(5, 31, 22);
        var vitals = new VitalsReading(120, 80, 70, Local(4, 3, 9));
        return
        [
            opened,
            new SessionBooked(courseId, s[0], SessionKind.Integration, Local(3, 31, 23, 30), Local(4, 1, 0, 30), therapist, null, roomA, null, "v", Local(3, 20, 9)),
            new SessionBooked(courseId, s[1], SessionKind.Preparation, Local(4, 2, 10), Local(4, 2, 11), therapist, null, null, null, "v", Local(3, 20, 9)),
            new SessionBooked(courseId, s[2], SessionKind.Dosing, Local(4, 3, 9), Local(4, 3, 11), therapist, medical, roomA, 1, "v", Local(3, 20, 9)),
            new SessionBooked(courseId, s[3], SessionKind.Integration, Local(4, 4, 9), Local(4, 4, 10), therapist, null, roomA, null, "v", Local(3, 20, 9)),
            new SessionRescheduled(courseId, s[0], SessionKind.Integration, Local(3, 31, 23, 30), movedStart, movedStart.AddMinutes(90), therapist, null, roomB, "v", Local(3, 25, 9)),
            new PatientMarkedNoShow(courseId, s[1], SessionKind.Preparation, Local(4, 2, 10), Local(4, 2, 10, 30)),
            new DoseStarted(courseId, s[2], 35m, medical, "v", Local(4, 3, 9, 5)),
            new DosingSessionConcluded(courseId, s[2], 1, TreatmentRoute.IvKetamine, 35m, Local(4, 3, 9, 5), Local(4, 3, 11), vitals, null, vitals, 10, therapist, medical, null),
            new SessionRescheduled(courseId, s[3], SessionKind.Integration, Local(4, 4, 9), Local(4, 5, 10), Local(4, 5, 10, 30), therapist, null, roomA, "v", Local(4, 1, 9)),
            new SessionRescheduled(courseId, s[3], SessionKind.Integration, Local(4, 5, 10), Local(4, 5, 9), Local(4, 5, 10), therapist, null, roomB, "v", Local(4, 2, 9)),
            new SessionHeld(courseId, s[3], SessionKind.Integration, therapist, Local(4, 5, 10)),
            new BookingCancelled(courseId, s[0], SessionKind.Integration, movedStart, "patient unwell", CancellationInitiator.Patient, true, null, "v", movedStart.AddHours(-10)),
            new TreatmentCourseClosed(courseId, "course complete", Local(6, 30, 23, 30)),
        ];
    }

    private async Task<List<string>> RowsAsync(Guid courseId, Guid[] sessions)
    {
        var pseudonyms = app.Host.Services.GetRequiredService<AnalystPseudonyms>();
        var labels = new Dictionary<Guid, string> {
            [therapist] = "therapist",
            [medical] = "medical",
            [roomA] = "room A",
            [roomB] = "room B",
        };
        for (var i = 0; i < sessions.Length; i++)
        {
            labels[pseudonyms.Session(sessions[i])] = $"s{i + 1}";
            labels[pseudonyms.ResourceDay(sessions[i])] = $"s{i + 1}";
        }

        await using var connection = new Npgsql.NpgsqlConnection(app.Host.Postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            """
            select 0, null::uuid, null::uuid, concat_ws('|', 'course', indication, route, opened_month, closed_month)
              from reporting.scheduling_courses where course_key = @course
            union all
            select 1, session_key, null, concat_ws('|', 'session', '{0}', kind, route, start_month, start_week, duration_minutes, coalesce(dosing_number::text, ''),
                   status, case when late_cancellation then 't' else 'f' end, case when no_show then 't' else 'f' end)
              from reporting.scheduling_sessions where course_key = @course
            union all
            select 2, session_key, null, concat_ws('|', 'cancellation', '{0}', kind, outcome, coalesce(initiated_by, ''), case when late_cancellation then 't' else 'f' end,
                   coalesce(hours_before_start::text, ''), scheduled_month, scheduled_week)
              from reporting.scheduling_cancellations where course_key = @course
            union all
            select 3, session_ref, resource_id, concat_ws('|', 'resource', '{0}', '{1}', resource_type, day, minutes)
              from reporting.scheduling_resource_days where session_ref = any(@refs)
            """, connection);
        command.Parameters.AddWithValue("course", pseudonyms.Course(courseId));
        command.Parameters.AddWithValue("refs", sessions.Select(pseudonyms.ResourceDay).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int Table, string Row)>();
        while (await reader.ReadAsync())
        {
            var row = reader.GetString(3);
            if (!reader.IsDBNull(1))
            {
                row = row.Replace("{0}", labels[reader.GetGuid(1)], StringComparison.Ordinal);
            }

            if (!reader.IsDBNull(2))
            {
                row = row.Replace("{1}", labels[reader.GetGuid(2)], StringComparison.Ordinal);
            }

            rows.Add((reader.GetInt32(0), row));
        }

        return [.. rows.OrderBy(r => r.Table).ThenBy(r => r.Row, StringComparer.Ordinal).Select(r => r.Row)];
    }
}
