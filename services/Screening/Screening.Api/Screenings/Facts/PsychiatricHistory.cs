namespace Screening.Api.Screenings;

/// <param name="SubstanceLastUsedOn">Last use of any substance in <paramref name="Substances"/>; null with a disorder means active.</param>
/// <param name="KetamineOrPcpMisuseLastOn">Last ketamine or PCP misuse, null when never.</param>
public sealed record PsychiatricHistory(
    bool PsychosisSelf,
    bool PsychosisFirstDegreeRelative,
    bool BipolarDisorder,
    bool CurrentMania,
    bool OnMoodStabiliser,
    bool SubstanceUseDisorder,
    IReadOnlyList<string> Substances,
    DateOnly? SubstanceLastUsedOn = null,
    DateOnly? KetamineOrPcpMisuseLastOn = null);
