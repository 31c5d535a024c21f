namespace Screening.Api.Screenings;

public sealed record MedicalHistory(
    bool Hypertension,
    bool HypertensionControlled,
    IReadOnlyList<CardiovascularEvent> CardiovascularEvents,
    bool AneurysmalVascularDisease,
    bool ArteriovenousMalformation,
    bool IntracerebralHaemorrhage,
    HepaticImpairment HepaticImpairment,
    bool InterstitialOrUlcerativeCystitis,
    bool Pregnant,
    bool Breastfeeding,
    bool KetamineHypersensitivity);
