namespace Screening.Api.Screenings;

public static class VitalsRules
{
    /// <summary>Above the clearance threshold: conditions; above the ineligible systolic: ineligible until controlled.</summary>
    public static EligibilityReason? BloodPressure(Vitals vitals, ScreeningProtocol protocol, DateOnly today)
    {
        ReasonFact[] facts =
        [
            ReasonFact.Of("vitals.systolic", vitals.Systolic),
            ReasonFact.Of("vitals.diastolic", vitals.Diastolic),
            ReasonFact.Of("protocol.bpClearance", $"{protocol.BpClearanceSystolic}/{protocol.BpClearanceDiastolic}"),
            ReasonFact.Of("protocol.bpIneligibleSystolic", protocol.BpIneligibleSystolic),
        ];

        if (vitals.Systolic > protocol.BpIneligibleSystolic)
        {
            return EligibilityReason.Ineligible(
                RuleIds.BloodPressure,
                $"Resting systolic pressure {vitals.Systolic} is above {protocol.BpIneligibleSystolic}: ineligible until blood pressure is controlled.",
                facts);
        }

        if (vitals.Systolic > protocol.BpClearanceSystolic || vitals.Diastolic > protocol.BpClearanceDiastolic)
        {
            return EligibilityReason.WithConditions(
                RuleIds.BloodPressure,
                $"Resting blood pressure {vitals.Systolic}/{vitals.Diastolic} is above {protocol.BpClearanceSystolic}/{protocol.BpClearanceDiastolic}: medical clearance for blood pressure is required before dosing.",
                facts);
        }

        return EligibilityReason.Eligible(RuleIds.BloodPressure, $"Resting blood pressure {vitals.Systolic}/{vitals.Diastolic} is within limits.", facts);
    }
}
