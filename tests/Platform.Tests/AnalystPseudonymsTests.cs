using Platform.ServiceDefaults.Analytics;

namespace Platform.Tests;

public class AnalystPseudonymsTests
{
    private static readonly Guid Id = Guid.Parse("6f1c2d4e-0000-4000-8000-00000000abcd");

    [Fact]
    public void One_id_has_one_pseudonym_in_every_service_sharing_the_key()
    {
        var key = new string('k', 40);
        Assert.Equal(new AnalystPseudonyms(key).Course(Id), new AnalystPseudonyms(key).Course(Id));
        Assert.NotEqual(Id, new AnalystPseudonyms(key).Course(Id));
    }

    [Fact]
    public void Without_the_key_the_pseudonym_cannot_be_recomputed()
    {
        Assert.NotEqual(new AnalystPseudonyms(new string('k', 40)).Course(Id), new AnalystPseudonyms(new string('q', 40)).Course(Id));
    }

    [Fact]
    public void Each_kind_of_id_has_its_own_pseudonyms_so_utilisation_days_do_not_join_to_sessions()
    {
        var pseudonyms = new AnalystPseudonyms(AnalystPseudonyms.DevelopmentKey);
        Guid[] all = [pseudonyms.Course(Id), pseudonyms.Session(Id), pseudonyms.Screening(Id), pseudonyms.AdverseEvent(Id), pseudonyms.ResourceDay(Id)];
        Assert.Equal(all.Length, all.Distinct().Count());
    }

    [Theory]
    [InlineData(null, true, "Analytics:PseudonymKey must be configured with at least 32 bytes.")]
    [InlineData("short", true, "Analytics:PseudonymKey must be configured with at least 32 bytes.")]
    [InlineData("0123456789012345678901234567890", false, "Analytics:PseudonymKey must be configured with at least 32 bytes.")]
    [InlineData(AnalystPseudonyms.DevelopmentKey, false,
        "Analytics:PseudonymKey is the public development key; set a secret key (Analytics__PseudonymKey) outside Development.")]
    public void A_missing_short_or_public_key_is_refused_naming_the_setting(string? key, bool isDevelopmentOrTest, string refusal)
    {
        Assert.Equal(refusal, AnalystPseudonyms.Refusal(key, isDevelopmentOrTest));
    }

    [Fact]
    public void The_development_key_is_accepted_only_in_development_and_a_secret_key_everywhere()
    {
        Assert.Null(AnalystPseudonyms.Refusal(AnalystPseudonyms.DevelopmentKey, isDevelopmentOrTest: true));
        Assert.Null(AnalystPseudonyms.Refusal(new string('s', 48), isDevelopmentOrTest: false));
    }

    [Fact]
    public void In_production_the_public_development_pseudonym_key_does_not_start()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(
            new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration[AnalystPseudonyms.SectionKey] = AnalystPseudonyms.DevelopmentKey;

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddAnalystPseudonyms());

        Assert.Contains("public development key", error.Message, StringComparison.Ordinal);
    }
}

public class AnalystPseudonymStartUpTests
{
    [Theory]
    [InlineData(null, "Analytics:PseudonymKey must be configured with at least 32 bytes.")]
    [InlineData(AnalystPseudonyms.DevelopmentKey,
        "Analytics:PseudonymKey is the public development key; set a secret key (Analytics__PseudonymKey) outside Development.")]
    public void In_production_a_service_without_its_own_pseudonym_key_does_not_start(string? key, string refusal)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(
            new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration[AnalystPseudonyms.SectionKey] = key;

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddAnalystPseudonyms());

        Assert.Equal(refusal, error.Message);
    }
}
