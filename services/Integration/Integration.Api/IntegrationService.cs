using Platform.ServiceDefaults;

namespace Integration.Api;

/// <summary>The service's identity in the shared defaults; also the marker type tests start the service by.</summary>
public static class IntegrationService
{
    public static readonly PlatformService Definition = new("integration", DaemonLockId: 4_303);
}
