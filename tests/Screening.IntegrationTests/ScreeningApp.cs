using Platform.Contracts;

namespace Screening.IntegrationTests;

/// <summary>
/// One Screening service per test class on a fresh database, plus a test bus on the same entity prefix that
/// records what the service publishes and publishes to it.
/// </summary>
public sealed class ScreeningApp() : ServiceApp<ScreeningServiceMarker>(typeof(PatientApprovedForTreatment), typeof(PatientApprovedForTreatmentV2), typeof(ScreeningDeclined))
{
    /// <summary>The intake coordinator most tests act as.</summary>
    public HttpClient Intake => As(Roles.Intake, "intake-1");

    /// <summary>The prescriber most tests sign off as.</summary>
    public HttpClient Prescriber => As(Roles.Prescriber, "prescriber-1");
}
