namespace Platform.Contracts;

/// <summary>
/// The one table of who may speak for each contract: the service whose outbox publishes it. Consumers accept a
/// contract only from its owner's broker user, and the broker grants write on a contract's exchange only to that
/// user (deploy/rabbitmq/users.sh must agree; the broker tests check every pair).
/// </summary>
public static class ContractOwners
{
    public const string Screening = "screening";
    public const string Scheduling = "scheduling";
    public const string Integration = "integration";

    public static IReadOnlyList<string> Services { get; } = [Screening, Scheduling, Integration];

    public static IReadOnlyDictionary<Type, string> ByContract { get; } = new Dictionary<Type, string> {
        [typeof(PatientApprovedForTreatment)] = Screening,
        [typeof(PatientApprovedForTreatmentV2)] = Screening,
        [typeof(ScreeningDeclined)] = Screening,

        [typeof(PreparationCompleted)] = Scheduling,
        [typeof(DosingStarted)] = Scheduling,
        [typeof(DosingSessionCompleted)] = Scheduling,
        [typeof(SessionCancelled)] = Scheduling,
        [typeof(PatientNoShow)] = Scheduling,
        [typeof(CourseClosed)] = Scheduling,

        [typeof(SafetyHoldPlaced)] = Integration,
        [typeof(SafetyHoldReleased)] = Integration,
        [typeof(CourseCompleted)] = Integration,
    };

    /// <summary>The owning service, or null for a type that is not a contract (and so is trusted from no one).</summary>
    public static string? OwnerOf(Type contract) => ByContract.GetValueOrDefault(contract);
}
