using Platform.Contracts;
using Platform.Instruments;

namespace Screening.Api.Screenings;

/// <summary>What must be recorded before a prescriber can sign: the facts every rule needs.</summary>
public static class RequiredFacts
{
    /// <summary>
    /// The baseline instrument each indication is followed with. Chronic pain and psychological growth
    /// have no single outcome instrument here, so none is required.
    /// </summary>
    public static InstrumentCode? BaselineInstrumentFor(Indication indication) => indication switch {
        Indication.TreatmentResistantDepression or Indication.MajorDepressionWithSuicidalIdeation => InstrumentCode.Phq9,
        Indication.SevereAnxiety => InstrumentCode.Gad7,
        Indication.Ptsd => InstrumentCode.Pcl5,
        _ => null,
    };

    public static IReadOnlyList<string> Missing(ScreeningCase screening)
    {
        var missing = new List<string>();
        if (screening.MedicalHistory is null)
        {
            missing.Add("medical history");
        }

        if (screening.PsychiatricHistory is null)
        {
            missing.Add("psychiatric history");
        }

        if (screening.Medications is null)
        {
            missing.Add("medications");
        }

        if (screening.PriorTreatments is null)
        {
            missing.Add("prior treatments");
        }

        if (screening.Vitals is null)
        {
            missing.Add("vitals");
        }

        if (screening.LatestInstrument(InstrumentCode.CssrsScreener) is null)
        {
            missing.Add(CssrsScreener.Definition.Name);
        }

        if (BaselineInstrumentFor(screening.Referral.Indication) is { } baseline && screening.LatestInstrument(baseline) is null)
        {
            missing.Add(InstrumentCatalog.Get(baseline).Name);
        }

        return missing;
    }
}
