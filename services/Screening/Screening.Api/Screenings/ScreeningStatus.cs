namespace Screening.Api.Screenings;

public enum ScreeningStatus
{
    /// <summary>Referred, no intake fact recorded yet.</summary>
    Referred,

    /// <summary>Some intake facts recorded, others still missing.</summary>
    InProgress,

    /// <summary>Every required fact recorded: a prescriber can sign.</summary>
    AwaitingSignOff,
    Approved,
    Declined,

    /// <summary>Closed: the patient needs a new screening case.</summary>
    ReScreeningRequired,
}
