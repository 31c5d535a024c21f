namespace Platform.Commands;

/// <summary>A business rule said no. The rule id is stable so clients and auditors can rely on it.</summary>
public sealed record Rejection(string RuleId, string Detail);

/// <summary>
/// The outcome of a pure decide function: either the events to append or the rule that refused the command.
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<object> Events { get; }

    public Rejection? Rejection { get; }

    public bool IsRejected => Rejection is not null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Accept(IEnumerable<object> events) => new(events.ToList(), null);

    public static Decision Reject(string ruleId, string detail) => new([], new Rejection(ruleId, detail));
}
