namespace Integration.Api.Courses;

/// <summary>Pure outcome arithmetic over a course's baseline and measurements.</summary>
public static class OutcomeAnalysis
{
    /// <summary>A 50 % drop means total &lt;= baseline / 2; integer arithmetic so 9 -> 4 responds and 9 -> 5 does not.</summary>
    public static bool IsResponse(int baselineTotal, int total, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return baselineTotal > 0 && (baselineTotal - total) * 100 >= baselineTotal * protocol.ResponseDropPercent;
    }

    public static bool? IsRemission(InstrumentCode instrument, int total, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return instrument switch {
            InstrumentCode.Phq9 => total < protocol.Phq9RemissionBelow,
            InstrumentCode.Madrs => total <= protocol.MadrsRemissionAtMost,
            InstrumentCode.QidsSr16 => total <= protocol.QidsRemissionAtMost,
            _ => null,
        };
    }

    public static bool IsWorsening(int baselinePhq9, int phq9Total, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return phq9Total >= baselinePhq9 + protocol.Phq9WorseningPoints;
    }

    /// <summary>Clinic days from the first dosing day (day 0) to the day of <paramref name="at"/>, in the clinic's zone.</summary>
    public static int DaysSince(DateTimeOffset firstDosingAt, DateTimeOffset at, TimeZoneInfo zone) =>
        ClinicCalendar.DateOf(at, zone).DayNumber - ClinicCalendar.DateOf(firstDosingAt, zone).DayNumber;

    public static int CourseWeek(int daysSinceFirstDosing) =>
        daysSinceFirstDosing <= 0 ? 0 : (daysSinceFirstDosing + 6) / 7;

    /// <summary>
    /// Which instrument speaks for the course when it is classified: the indication's own scale first, PHQ-9 as the
    /// scale every course has at baseline. MADRS is clinician-rated and rarer, so it follows PHQ-9 for depression.
    /// </summary>
    public static IReadOnlyList<InstrumentCode> PrimaryInstrumentPreference(Indication indication) => indication switch {
        Indication.SevereAnxiety => [InstrumentCode.Gad7, InstrumentCode.Phq9],
        Indication.Ptsd => [InstrumentCode.Pcl5, InstrumentCode.Phq9],
        _ => [InstrumentCode.Phq9, InstrumentCode.Madrs, InstrumentCode.QidsSr16, InstrumentCode.Gad7, InstrumentCode.Pcl5],
    };

    public static IReadOnlyList<InstrumentTrajectory> Trajectories(CourseOutcome course, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(course);
        var first = course.FirstDosingAt;
        var baseline = course.Baseline.Select(b => (Key: b.Instrument, Point: Point(b.AdministeredAt, b.Total, b.Band, true)));
        var measured = course.Measurements.Select(m => (Key: m.Instrument, Point: Point(m.MeasuredAt, m.Total, m.Band, false)));
        return [.. baseline.Concat(measured)
            .GroupBy(p => p.Key)
            .OrderBy(g => NameOf(g.Key), StringComparer.Ordinal)
            .Select(g => new InstrumentTrajectory(g.Key, [.. g.Select(p => p.Point).OrderBy(p => p.MeasuredAt).ThenByDescending(p => p.IsBaseline)]))];

        TrajectoryPoint Point(DateTimeOffset at, int total, string band, bool isBaseline)
        {
            int? days = first is { } f ? DaysSince(f, at, zone) : null;
            return new TrajectoryPoint(at, total, band, isBaseline, days, days is { } d ? CourseWeek(d) : null);
        }
    }

    public static IReadOnlyList<InstrumentResponse> Responses(CourseOutcome course, IntegrationProtocol protocol, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(course);
        var first = course.FirstDosingAt;
        var results = new List<InstrumentResponse>();
        foreach (var group in course.Measurements.GroupBy(m => m.Instrument).OrderBy(g => NameOf(g.Key), StringComparer.Ordinal))
        {
            if (!HasResponse(group.Key) || course.BaselineFor(group.Key) is not { } baseline)
            {
                continue;
            }

            var ordered = group.OrderBy(m => m.MeasuredAt).ToList();
            var latest = ordered[^1];

            // A response counts from the first dose on: an early repeat of the baseline is not a treatment effect.
            var firstResponse = first is { } f
                ? ordered.FirstOrDefault(m => m.MeasuredAt >= f && IsResponse(baseline.Total, m.Total, protocol))
                : null;
            results.Add(new InstrumentResponse(
                group.Key,
                baseline.Total,
                latest.Total,
                latest.MeasuredAt,
                PercentChange(baseline.Total, latest.Total),
                IsResponse(baseline.Total, latest.Total, protocol),
                IsRemission(group.Key, latest.Total, protocol),
                firstResponse?.MeasuredAt,
                firstResponse is not null && first is { } start ? DaysSince(start, firstResponse.MeasuredAt, zone) : null));
        }

        return results;
    }

    /// <summary>
    /// Status at day 28 after the first dose: per instrument the measurement closest to day 28 inside
    /// [day 28 - DaysBefore, day 28 + DaysAfter] (a tie goes to the later one, the fresher status). Measurements
    /// from early in the course do not stand in for week 4. Days are the clinic's calendar days (first dosing day = 0),
    /// so a measurement late in the clinic's evening counts on that day, not on UTC's next one.
    /// </summary>
    public static FourWeekCheck FourWeekCheck(CourseOutcome course, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(protocol);
        if (course.FirstDosingAt is not { } first)
        {
            return new FourWeekCheck(FourWeekCheckStatus.NoDosingYet, null, []);
        }

        var zone = now.Zone;
        var dueAt = first.AddDays(protocol.FourWeekCheckDay);
        var opens = protocol.FourWeekCheckDay - protocol.FourWeekCheckDaysBefore;
        var closes = protocol.FourWeekCheckDay + protocol.FourWeekCheckDaysAfter;
        var instruments = course.Measurements
            .Where(m => DaysSince(first, m.MeasuredAt, zone) is var day && day >= opens && day <= closes)
            .GroupBy(m => m.Instrument)
            .OrderBy(g => NameOf(g.Key), StringComparer.Ordinal)
            .Select(g => g.OrderBy(m => (m.MeasuredAt - dueAt).Duration()).ThenByDescending(m => m.MeasuredAt).First())
            .Select(m =>
            {
                var key = m.Instrument;
                bool? response = HasResponse(key) && course.BaselineFor(key) is { } b
                    ? IsResponse(b.Total, m.Total, protocol)
                    : null;
                return new FourWeekInstrumentStatus(key, m.Total, m.MeasuredAt, DaysSince(first, m.MeasuredAt, zone), response, IsRemission(key, m.Total, protocol));
            })
            .ToList();

        var today = DaysSince(first, now.Utc, zone);
        var status = instruments.Count > 0 ? FourWeekCheckStatus.Measured
            : today < opens ? FourWeekCheckStatus.NotDue
            : today <= closes ? FourWeekCheckStatus.Due
            : FourWeekCheckStatus.Missed;
        return new FourWeekCheck(status, dueAt, instruments);
    }

    /// <summary>True when the latest PHQ-9 is at or above baseline plus the worsening points.</summary>
    public static bool IsWorsening(CourseOutcome course, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(course);
        var latest = course.Measurements
            .Where(m => m.Instrument == InstrumentCode.Phq9)
            .MaxBy(m => m.MeasuredAt);
        return latest is not null
            && course.BaselineFor(InstrumentCode.Phq9) is { } baseline
            && IsWorsening(baseline.Total, latest.Total, protocol);
    }

    /// <summary>
    /// Remitter when the primary instrument's latest total after the first dose is in remission, responder when it
    /// dropped by the response threshold, otherwise non-responder. Null when no instrument with a baseline was
    /// measured after the first dose: there is nothing to classify.
    /// </summary>
    public static CourseClassification? Classify(CourseOutcome course, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.FirstDosingAt is not { } first)
        {
            return null;
        }

        foreach (var instrument in PrimaryInstrumentPreference(course.Indication))
        {
            var latest = course.Measurements
                .Where(m => m.MeasuredAt >= first && m.Instrument == instrument)
                .MaxBy(m => m.MeasuredAt);
            if (latest is null || course.BaselineFor(instrument) is not { } baseline)
            {
                continue;
            }

            var response = IsRemission(instrument, latest.Total, protocol) == true ? CourseResponse.Remitter
                : IsResponse(baseline.Total, latest.Total, protocol) ? CourseResponse.Responder
                : CourseResponse.NonResponder;
            return new CourseClassification(response, instrument, baseline.Total, latest.Total);
        }

        return null;
    }

    public static OutcomeSummary Analyse(CourseOutcome course, ClinicTime now, IntegrationProtocol protocol)
    {
        var responses = Responses(course, protocol, now.Zone);
        var classification = Classify(course, protocol);
        var primaryResponse = classification is null
            ? null
            : responses.FirstOrDefault(r => r.Instrument == classification.Instrument);
        return new OutcomeSummary(
            Trajectories(course, now.Zone),
            responses,
            FourWeekCheck(course, now, protocol),
            IsWorsening(course, protocol),
            primaryResponse?.DaysToResponse,
            classification);
    }

    /// <summary>Symptom scales where a lower total is better, so a drop from baseline can be a response.</summary>
    public static bool HasResponse(InstrumentCode instrument) =>
        instrument is InstrumentCode.Phq9 or InstrumentCode.Gad7 or InstrumentCode.Pcl5 or InstrumentCode.Madrs or InstrumentCode.QidsSr16;

    /// <summary>The serialised name ("PHQ-9"): lists are ordered by it, and analyst tables store it.</summary>
    public static string NameOf(InstrumentCode instrument) => InstrumentCatalog.Get(instrument).Name;

    private static decimal PercentChange(int baseline, int total) =>
        baseline == 0 ? 0m : Math.Round((total - baseline) * 100m / baseline, 1, MidpointRounding.AwayFromZero);
}
