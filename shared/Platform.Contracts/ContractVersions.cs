namespace Platform.Contracts;

/// <summary>
/// Contracts that are a later version of another, published beside it during a rolling upgrade. A v1 and a v2 copy of
/// one event carry the same MessageId (the event id), so consumers key their processed markers by the family, the
/// first version's name: the two copies have one effect, and the markers the previous release stored for v1 keep
/// deduplicating redeliveries after the upgrade.
/// </summary>
public static class ContractVersions
{
    /// <summary>Each later version and the first version of its family.</summary>
    public static IReadOnlyDictionary<Type, Type> FirstVersions { get; } = new Dictionary<Type, Type> {
        [typeof(PatientApprovedForTreatmentV2)] = typeof(PatientApprovedForTreatment),
    };

    /// <summary>The family name of a contract: its first version's type name (its own for a first version).</summary>
    public static string FamilyOf(Type contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return (FirstVersions.GetValueOrDefault(contract) ?? contract).Name;
    }
}
