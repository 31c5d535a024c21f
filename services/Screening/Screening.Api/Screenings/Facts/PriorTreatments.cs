namespace Screening.Api.Screenings;

public sealed record AntidepressantTrial(string Drug, bool AdequateDose, int Weeks, int ImprovementPercent);

public sealed record PsychotherapyCourse(string Modality, int Sessions);

public sealed record PriorTreatments(
    IReadOnlyList<AntidepressantTrial> AntidepressantTrials,
    IReadOnlyList<PsychotherapyCourse> Psychotherapy);
