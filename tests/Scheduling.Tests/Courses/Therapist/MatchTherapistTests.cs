namespace Scheduling.Tests;

public class MatchTherapistTests
{
    [Fact]
    public void Matching_needs_a_licensed_therapist()
    {
        Rejected(MatchTherapist.Decide(new MatchTherapist(MedicalId), Opened(), At(Now), Protocol, Medical()), RuleIds.WrongRole);
        var expired = Therapist() with { Credentials = [new Credential(CredentialKind.License, new DateOnly(2025, 3, 2))] };
        Rejected(MatchTherapist.Decide(new MatchTherapist(TherapistId), Opened(), At(Now), Protocol, expired), RuleIds.CredentialExpired);

        var matched = MatchTherapist.Decide(new MatchTherapist(TherapistId), Opened(), At(Now), Protocol, Therapist());
        Assert.IsType<TherapistMatched>(Assert.Single(matched.Events));
        Assert.Empty(MatchTherapist.Decide(new MatchTherapist(TherapistId), Apply(Opened(), matched), At(Now), Protocol, Therapist()).Events);
    }

    [Fact]
    public void Rematching_is_refused_while_sessions_are_booked_with_the_current_therapist()
    {
        var course = BookDosing(Prepared(), Guid.NewGuid(), Now.AddDays(1));
        Rejected(MatchTherapist.Decide(new MatchTherapist(OtherTherapistId), course, At(Now), Protocol, Therapist(OtherTherapistId)), RuleIds.RematchWithBookings);
        Accepted(MatchTherapist.Decide(new MatchTherapist(OtherTherapistId), Prepared(), At(Now), Protocol, Therapist(OtherTherapistId)));
    }
}
