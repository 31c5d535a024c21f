namespace Platform.Commands;

/// <summary>
/// A service's map from rule ids to HTTP statuses. A refused clinical rule is 422 unless listed here: an unknown stream
/// is 404 (the client named something that does not exist), a clash with existing state 409, invalid input 400.
/// Registered once per service in its module.
/// </summary>
public sealed class RuleStatuses
{
    private static readonly RuleStatuses None = new(new Dictionary<string, int>());
    private readonly IReadOnlyDictionary<string, int> statuses;

    public RuleStatuses(IReadOnlyDictionary<string, int> statuses) => this.statuses = statuses;

    public int StatusOf(string ruleId) =>
        statuses.TryGetValue(ruleId, out var status) ? status : StatusCodes.Status422UnprocessableEntity;

    public static RuleStatuses Of(IServiceProvider services) => services.GetService<RuleStatuses>() ?? None;
}
