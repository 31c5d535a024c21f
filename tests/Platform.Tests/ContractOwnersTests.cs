using System.Reflection;
using MassTransit;
using Platform.Contracts;
using Platform.Messaging;

namespace Platform.Tests;

public class ContractOwnersTests
{
    private static IEnumerable<Type> Contracts() =>
        typeof(ContractOwners).Assembly.GetTypes().Where(t => t.GetCustomAttribute<MessageUrnAttribute>() is not null);

    [Fact]
    public void Every_contract_has_an_owner()
    {
        var missing = Contracts().Where(t => ContractOwners.OwnerOf(t) is null).Select(t => t.Name);
        Assert.Empty(missing);
    }

    [Fact]
    public void The_owner_is_the_service_its_urn_names()
    {
        // kap:<service>:<name>.v<n>: the URN was written by the publishing team, so the table must agree with it.
        foreach (var contract in Contracts())
        {
            var urn = contract.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString().Split(':');
            Assert.Equal(urn[Array.IndexOf(urn, "kap") + 1], ContractOwners.OwnerOf(contract));
        }
    }

    [Theory]
    [InlineData("amqp://scheduling:secret@rabbitmq:5672/", "scheduling")]
    [InlineData("amqp://kap%2Dops:x@127.0.0.1/vhost", "kap-ops")]
    [InlineData("amqp://127.0.0.1:5672/", "guest")]
    public void A_service_publishes_as_the_user_it_logs_in_as(string connectionString, string user) =>
        Assert.Equal(user, PublisherTrust.UserOf(connectionString));
}
