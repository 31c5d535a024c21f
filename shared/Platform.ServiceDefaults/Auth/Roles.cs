namespace Platform.ServiceDefaults.Auth;

/// <summary>The clinic roles carried in the JWT "role" claim.</summary>
public static class Roles
{
    public const string Prescriber = "prescriber";
    public const string Intake = "intake";
    public const string Scheduler = "scheduler";
    public const string Therapist = "therapist";
    public const string Medical = "medical";
    public const string Analyst = "analyst";

    /// <summary>Other clinic systems calling machine to machine.</summary>
    public const string System = "system";

    /// <summary>Runs the platform: sees parked events and faulted messages (ids, types, errors; no clinical data) and replays them.</summary>
    public const string Operator = "operator";

    /// <summary>Reads the access audit trail (who opened which record); no clinical endpoint.</summary>
    public const string PrivacyOfficer = "privacy-officer";

    public static readonly IReadOnlyList<string> All = [Prescriber, Intake, Scheduler, Therapist, Medical, Analyst, System, Operator, PrivacyOfficer];
}
