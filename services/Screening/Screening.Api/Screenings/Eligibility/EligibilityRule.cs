namespace Screening.Api.Screenings;

/// <summary>
/// A rule returns null when it does not apply (its facts are not recorded yet, or the indication or route
/// is not one it concerns); otherwise a reason, Eligible when the check passed.
/// </summary>
public delegate EligibilityReason? EligibilityRule(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today);
