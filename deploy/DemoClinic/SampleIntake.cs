namespace DemoClinic;

/// <summary>
/// The intake forms of a safe screening (no contraindication, two adequate antidepressant trials and psychotherapy
/// tried first), as request bodies: the demo, the fault suite and the tests send the same ones (the fault suite links
/// this file, the tests reference DemoClinic through Platform.Testing, so no test or bench code ships with the services).
/// </summary>
public static class SampleIntake
{
    public static object MedicalHistory(bool pregnant = false) => new {
        hypertension = false,
        hypertensionControlled = false,
        cardiovascularEvents = Array.Empty<object>(),
        aneurysmalVascularDisease = false,
        arteriovenousMalformation = false,
        intracerebralHaemorrhage = false,
        hepaticImpairment = "None",
        interstitialOrUlcerativeCystitis = false,
        pregnant,
        breastfeeding = false,
        ketamineHypersensitivity = false,
    };

    public static object PsychiatricHistory(bool psychosisSelf = false) => new {
        psychosisSelf,
        psychosisFirstDegreeRelative = false,
        bipolarDisorder = false,
        currentMania = false,
        onMoodStabiliser = false,
        substanceUseDisorder = false,
        substances = Array.Empty<string>(),
        substanceLastUsedOn = (string?)null,
        ketamineOrPcpMisuseLastOn = (string?)null,
    };

    public static object NoMedications => new { medications = Array.Empty<object>() };

    public static object PriorTreatments(bool psychotherapy = true) => new {
        antidepressantTrials = new[]
        {
            new { drug = "sertraline", adequateDose = true, weeks = 8, improvementPercent = 10 },
            new { drug = "venlafaxine", adequateDose = true, weeks = 6, improvementPercent = 20 },
        },
        psychotherapy = psychotherapy ? new[] { new { modality = "CBT", sessions = 16 } } : [],
    };
}
