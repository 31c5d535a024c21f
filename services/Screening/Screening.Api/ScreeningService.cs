using Platform.ServiceDefaults;

namespace Screening.Api;

/// <summary>The service's identity in the shared defaults: schema "screening" and its projection daemon's lock.</summary>
public static class ScreeningService
{
    public static readonly PlatformService Definition = new("screening", DaemonLockId: 4_101);
}
