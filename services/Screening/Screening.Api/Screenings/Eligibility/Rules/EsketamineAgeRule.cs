using Platform.Contracts;

namespace Screening.Api.Screenings;

/// <summary>Older patients start esketamine at the lower dose.</summary>
public static class EsketamineAgeRule
{
    public static EligibilityReason? Evaluate(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        if (screening.Referral.RequestedRoute != TreatmentRoute.EsketamineNasalSpray)
        {
            return null;
        }

        var age = Age.On(screening.Referral.Patient.BirthDate, today);
        ReasonFact[] facts =
        [
            ReasonFact.Of("referral.requestedRoute", screening.Referral.RequestedRoute.ToString()),
            ReasonFact.Of("patient.ageYears", age),
            ReasonFact.Of("protocol.esketamineConditionAge", protocol.EsketamineConditionAge),
        ];
        return age >= protocol.EsketamineConditionAge
            ? EligibilityReason.WithConditions(RuleIds.EsketamineAge, $"Esketamine at age {protocol.EsketamineConditionAge} or over: start dose {protocol.EsketamineStartDoseMg} mg.", facts)
            : EligibilityReason.Eligible(RuleIds.EsketamineAge, $"Under {protocol.EsketamineConditionAge}: standard esketamine start dose.", facts);
    }
}
