using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Tests;

/// <summary>The one fold that applies messages kept because they arrived before what they act on.</summary>
public class EarlyMessagesTests
{
    // A kept hold's reason is sealed as on the broker.
    public EarlyMessagesTests() => MemoryKeyRing.Install();

    private static readonly Guid Course = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    // A toy stream: the state is the list of hold ids seen, in order; a release needs its hold first.
    private static List<string>? Evolve(List<string>? state, object @event) => [.. state ?? [], (string)@event];

    private static Decision? Apply(object message, List<string>? state) => message switch {
        SafetyHoldPlaced { Reason: "refuse" } => Decision.Reject("test.refused", "Refused."),
        SafetyHoldPlaced m => Decision.Accept($"placed:{m.HoldId}"),
        SafetyHoldReleased m when state?.Contains($"placed:{m.HoldId}") is not true => null,
        SafetyHoldReleased m => Decision.Accept($"released:{m.HoldId}"),
        _ => throw new InvalidOperationException(),
    };

    private static EarlyMessage Placed(Guid hold, int minutes, string reason = "severe dissociation") =>
        EarlyMessage.Of(Course, hold.ToString(), new SafetyHoldPlaced(Course, Guid.NewGuid(), hold, SafetyHoldTrigger.Pregnancy, reason, T0.AddMinutes(minutes)), T0.AddMinutes(minutes), T0);

    private static EarlyMessage Released(Guid hold, int minutes) =>
        EarlyMessage.Of(Course, hold.ToString(), new SafetyHoldReleased(Course, Guid.NewGuid(), hold, T0.AddMinutes(minutes)), T0.AddMinutes(minutes), T0);

    [Fact]
    public void Messages_are_applied_in_the_order_they_happened_after_the_first_decision()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        EarlyMessage later = Placed(b, 20), earlier = Placed(a, 10);

        var outcome = EarlyMessages.Apply<List<string>>(Decision.Accept("opened"), null, [later, earlier], Evolve, Apply);

        Assert.Equal(["opened", $"placed:{a}", $"placed:{b}"], outcome.Decision.Events);
        Assert.Equal([earlier, later], outcome.Applied);
        Assert.Empty(outcome.Waiting);
        Assert.Empty(outcome.Refused);
    }

    [Fact]
    public void A_message_that_waits_for_another_is_applied_in_a_later_pass()
    {
        var hold = Guid.NewGuid();
        var release = Released(hold, 5);
        var placed = Placed(hold, 10);

        var outcome = EarlyMessages.Apply<List<string>>(Decision.Accept(), null, [placed, release], Evolve, Apply);

        Assert.Equal([$"placed:{hold}", $"released:{hold}"], outcome.Decision.Events);
        Assert.Equal([placed, release], outcome.Applied);
    }

    [Fact]
    public void A_message_still_waiting_after_the_last_pass_is_reported_waiting()
    {
        var release = Released(Guid.NewGuid(), 5);

        var outcome = EarlyMessages.Apply<List<string>>(Decision.Accept("opened"), null, [release], Evolve, Apply);

        Assert.Equal(["opened"], outcome.Decision.Events);
        Assert.Equal([release], outcome.Waiting);
        Assert.Empty(outcome.Applied);
    }

    [Fact]
    public void A_refused_message_is_reported_and_left_out_of_the_decision()
    {
        var refused = Placed(Guid.NewGuid(), 5, "refuse");
        var accepted = Placed(Guid.NewGuid(), 10);

        var outcome = EarlyMessages.Apply<List<string>>(Decision.Accept(), null, [refused, accepted], Evolve, Apply);

        var (message, rejection) = Assert.Single(outcome.Refused);
        Assert.Equal(refused, message);
        Assert.Equal("test.refused", rejection.RuleId);
        Assert.Equal([accepted], outcome.Applied);
        Assert.Single(outcome.Decision.Events);
    }

    [Fact]
    public void A_rejected_first_decision_is_returned_untouched_with_nothing_applied()
    {
        var first = Decision.Reject("test.closed", "Closed.");
        var kept = Placed(Guid.NewGuid(), 5);

        var outcome = EarlyMessages.Apply<List<string>>(first, null, [kept], Evolve, (_, _) => throw new InvalidOperationException("Not applied."));

        Assert.Same(first, outcome.Decision);
        Assert.Empty(outcome.Applied);
        Assert.Empty(outcome.Refused);
        Assert.Equal([kept], outcome.Waiting);
    }

    [Fact]
    public void A_kept_message_reads_back_as_the_contract_with_its_enums()
    {
        var hold = new SafetyHoldPlaced(Course, Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.HighSuicideRisk, "C-SSRS positive", T0);

        var kept = EarlyMessage.Of(Course, hold.HoldId.ToString(), hold, hold.PlacedAt, T0.AddMinutes(1));

        Assert.Equal($"SafetyHoldPlaced:{hold.HoldId}", kept.Id);
        Assert.Equal("SafetyHoldPlaced", kept.Type);
        Assert.Equal(Course, kept.StreamKey);
        Assert.Equal("HighSuicideRisk", kept.Body.GetProperty("trigger").GetString());
        Assert.Equal(hold, kept.Read());
    }

    [Fact]
    public void A_kept_message_naming_a_type_outside_the_contracts_is_not_read()
    {
        var kept = EarlyMessage.Of(Course, "x", new SafetyHoldReleased(Course, Guid.NewGuid(), Guid.NewGuid(), T0), T0, T0) with { Type = "System.Object" };

        var error = Assert.Throws<InvalidOperationException>(() => kept.Read());
        Assert.Contains("System.Object", error.Message, StringComparison.Ordinal);
    }
}
