using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.ServiceDefaults.Marten;

/// <summary>
/// Keeps a stream's write model with the domain's own pure evolve function, so the domain has no Marten
/// conventions to follow and the same function is tested without a database.
/// </summary>
public sealed class EvolvingProjection<TState>(Func<TState?, object, TState?> evolve) : SingleStreamProjection<TState, Guid>
    where TState : class
{
    public override TState? Evolve(TState? snapshot, Guid id, IEvent e) => evolve(snapshot, e.Data);
}
