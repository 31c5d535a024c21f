using Platform.Contracts;

namespace Screening.IntegrationTests;

/// <summary>
/// One Screening service per test class on a fresh database, plus a test bus on the same entity prefix that
/// records what the service publishes and publishes to it.
/// </summary>
public sealed class ScreeningApp() : ServiceApp<ScreeningServiceMarker>(typeof(PatientApprovedForTreatment), typeof(ScreeningDeclined))
{
    /// <summary>The intake coordinator most tests act as.</summary>
    public HttpClient Intake { get; private set; } = null!;

    /// <summary>The prescriber most tests sign off as.</summary>
    public HttpClient Prescriber { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Intake = Host.ClientFor(Roles.Intake, "intake-1");
        Prescriber = Host.ClientFor(Roles.Prescriber, "prescriber-1");
    }
}
