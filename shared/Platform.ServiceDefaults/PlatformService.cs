namespace Platform.ServiceDefaults;

/// <summary>
/// What distinguishes one service from another in the shared defaults: its name (also its PostgreSQL schema)
/// and the advisory lock id its projection daemon uses to elect a leader.
/// </summary>
public sealed record PlatformService(string Name, int DaemonLockId)
{
    public string Schema => Name.ToLowerInvariant();
}
