using Platform.Instruments;

namespace Screening.Api.Screenings;

/// <summary>
/// A baseline is only evidence while it is recent: instruments and vitals older than the protocol's limits
/// (<see cref="ScreeningProtocol.InstrumentMaxAgeDays"/>, <see cref="ScreeningProtocol.VitalsMaxAgeDays"/>) make the
/// decision "needs review" naming them. Age is whole clinic-calendar days from the day it was taken to the clinic's
/// today at evaluation time, so the rules close over the clinic clock rather than a bare date.
/// </summary>
public static class RecencyRules
{
    public static IReadOnlyList<EligibilityRule> At(ClinicTime now) =>
    [
        (screening, protocol, _) => Instruments(screening, protocol, now),
        (screening, protocol, _) => Vitals(screening, protocol, now),
    ];

    public static EligibilityReason? Instruments(ScreeningCase screening, ScreeningProtocol protocol, ClinicTime now)
    {
        ArgumentNullException.ThrowIfNull(screening);
        ArgumentNullException.ThrowIfNull(protocol);
        if (screening.Instruments.Count == 0)
        {
            return null;
        }

        var stale = screening.Instruments
            .Select(i => (Name: InstrumentCatalog.Get(i.Instrument).Name, Days: DaysOld(i.AdministeredAt, now), i.AdministeredAt))
            .Where(i => i.Days > protocol.InstrumentMaxAgeDays)
            .ToList();
        ReasonFact[] facts =
        [
            ReasonFact.Of("protocol.instrumentMaxAgeDays", protocol.InstrumentMaxAgeDays),
            ReasonFact.Of("stale", stale.Count == 0 ? "none" : string.Join(", ", stale.Select(s => $"{s.Name} {s.Days} days"))),
        ];
        return stale.Count == 0
            ? EligibilityReason.Eligible(
                RuleIds.InstrumentStale, $"Every instrument was administered within {protocol.InstrumentMaxAgeDays} days.", facts)
            : EligibilityReason.NeedsReview(
                RuleIds.InstrumentStale,
                $"Older than {protocol.InstrumentMaxAgeDays} days: {string.Join(", ", stale.Select(s => $"{s.Name} (administered {now.DateOf(s.AdministeredAt):yyyy-MM-dd}, {s.Days} days ago)"))}; administer again or justify.",
                facts);
    }

    public static EligibilityReason? Vitals(ScreeningCase screening, ScreeningProtocol protocol, ClinicTime now)
    {
        ArgumentNullException.ThrowIfNull(screening);
        ArgumentNullException.ThrowIfNull(protocol);
        if (screening.Vitals is not { } vitals)
        {
            return null;
        }

        var days = DaysOld(vitals.TakenAt, now);
        ReasonFact[] facts =
        [
            ReasonFact.Of("vitals.takenAt", now.DateOf(vitals.TakenAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ReasonFact.Of("vitals.daysOld", days),
            ReasonFact.Of("protocol.vitalsMaxAgeDays", protocol.VitalsMaxAgeDays),
        ];
        return days > protocol.VitalsMaxAgeDays
            ? EligibilityReason.NeedsReview(
                RuleIds.VitalsStale,
                $"Vitals were taken {now.DateOf(vitals.TakenAt):yyyy-MM-dd}, {days} days ago (limit {protocol.VitalsMaxAgeDays}); record them again or justify.",
                facts)
            : EligibilityReason.Eligible(RuleIds.VitalsStale, $"Vitals were taken within {protocol.VitalsMaxAgeDays} days.", facts);
    }

    private static int DaysOld(DateTimeOffset takenAt, ClinicTime now) => now.Today.DayNumber - now.DateOf(takenAt).DayNumber;
}
