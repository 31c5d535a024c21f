using Marten.Services;

namespace Platform.Messaging;

internal sealed class NullChangeListener : IChangeListener
{
    public static readonly NullChangeListener Instance = new();

    public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;

    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
}
