namespace Screening.Api.Screenings;

public enum CardiovascularEventKind
{
    MyocardialInfarction,
    Arrhythmia,
    CerebrovascularDisease,
}

/// <summary>
/// A cardiac or cerebrovascular event or condition. <paramref name="CurrentlyStable"/> is the clinician's
/// judgement; a recent event counts as unstable regardless (see the protocol's recent-event window).
/// </summary>
public sealed record CardiovascularEvent(CardiovascularEventKind Kind, DateOnly OccurredOn, bool CurrentlyStable);
