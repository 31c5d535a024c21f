using System.Reflection;
using Platform.Contracts;

namespace Platform.Tests;

public class RuleIdCatalogueTests
{
    private static IEnumerable<(Type Service, string Name, string Id)> RuleIds() =>
        new[] { typeof(InputRules), typeof(ScreeningRuleIds), typeof(SchedulingRuleIds), typeof(IntegrationRuleIds) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (t, f.Name, (string)f.GetRawConstantValue()!)));

    [Fact]
    public void No_two_rules_share_an_id_across_the_services_and_the_request_rules()
    {
        var shared = RuleIds().GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(shared);
    }

    [Fact]
    public void Every_rule_id_carries_its_services_prefix_in_upper_kebab_case()
    {
        var prefixes = new Dictionary<Type, string> {
            [typeof(InputRules)] = "REQUEST-",
            [typeof(ScreeningRuleIds)] = "SCR-",
            [typeof(SchedulingRuleIds)] = "SCH-",
            [typeof(IntegrationRuleIds)] = "INT-",
        };

        var wrong = RuleIds()
            .Where(r => !r.Id.StartsWith(prefixes[r.Service], StringComparison.Ordinal) || r.Id.Any(c => c is not (>= 'A' and <= 'Z' or >= '0' and <= '9' or '-')))
            .Select(r => $"{r.Service.Name}.{r.Name} = {r.Id}");

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_status_belongs_to_a_rule_of_its_own_service_and_is_a_client_error()
    {
        var statuses = new Dictionary<Type, IReadOnlyDictionary<string, int>> {
            [typeof(ScreeningRuleIds)] = ScreeningRuleIds.Statuses,
            [typeof(SchedulingRuleIds)] = SchedulingRuleIds.Statuses,
            [typeof(IntegrationRuleIds)] = IntegrationRuleIds.Statuses,
        };

        foreach (var (service, map) in statuses)
        {
            var ids = RuleIds().Where(r => r.Service == service).Select(r => r.Id).ToHashSet();
            Assert.All(map, entry => Assert.Contains(entry.Key, ids));
            Assert.All(map.Values, status => Assert.InRange(status, 400, 499));
        }
    }
}
