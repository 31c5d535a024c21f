using Platform.ServiceDefaults;

namespace Scheduling.Api;

/// <summary>The service's identity in the shared defaults; also the marker type tests start the service by.</summary>
public static class SchedulingService
{
    public static readonly PlatformService Definition = new("scheduling", DaemonLockId: 4_202);
}
