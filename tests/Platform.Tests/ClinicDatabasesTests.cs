using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.ServiceDefaults.Marten;

namespace Platform.Tests;

/// <summary>Database:Groups: which server holds each clinic, and the settings that must stop a service instead.</summary>
public class ClinicDatabasesTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> {
                ["ConnectionStrings:Postgres"] = "Host=primary;Username=u;Password=p",
                ["Chain:Clinics:0"] = "main",
                ["Chain:Clinics:1"] = "north",
                ["Chain:Clinics:2"] = "south",
            }.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))).Build();

    [Fact]
    public void Without_groups_every_clinic_is_in_the_primary_database()
    {
        var databases = ClinicDatabases.From(Settings());

        Assert.True(databases.Single);
        Assert.Equal(ClinicDatabases.Primary, databases.NameOf("north"));
        Assert.Equal(ClinicDatabases.Primary, databases.NameOf(null));
    }

    [Fact]
    public void A_group_holds_its_clinics_and_the_rest_stay_in_the_primary_with_the_same_pool_bounds()
    {
        var databases = ClinicDatabases.From(Settings(
            ("Database:Groups:west:ConnectionString", "Host=west;Username=u;Password=p"),
            ("Database:Groups:west:Clinics", "north, south")));

        Assert.False(databases.Single);
        Assert.Equal("west", databases.NameOf("north"));
        Assert.Equal("west", databases.NameOf("south"));
        Assert.Equal(ClinicDatabases.Primary, databases.NameOf("main"));
        Assert.Equal(["north", "south"], databases.ClinicsOf("west").Order());
        Assert.Equal(["main"], databases.ClinicsOf(ClinicDatabases.Primary));
        Assert.Equal(PlatformMarten.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(databases.ConnectionStrings["west"]).MaxPoolSize);
    }

    [Theory]
    [InlineData("Database:Groups:west:Clinics", "north", null, null, "Database:Groups:west:ConnectionString is not set")]
    [InlineData("Database:Groups:west:ConnectionString", "Host=west", null, null, "Database:Groups:west:Clinics is not set")]
    [InlineData("Database:Groups:west:ConnectionString", "Host=west", "Database:Groups:west:Clinics", "east", "'east' is not a clinic of Chain:Clinics")]
    [InlineData("Database:Groups:primary:ConnectionString", "Host=west", "Database:Groups:primary:Clinics", "north", "cannot name a database group")]
    public void A_group_that_would_put_a_clinic_where_nobody_expects_it_stops_the_service(
        string key, string value, string? otherKey, string? otherValue, string message)
    {
        var settings = otherKey is null ? Settings((key, value)) : Settings((key, value), (otherKey, otherValue!));

        var error = Assert.Throws<InvalidOperationException>(() => ClinicDatabases.From(settings));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clinic_in_two_groups_stops_the_service()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClinicDatabases.From(Settings(
            ("Database:Groups:east:ConnectionString", "Host=east"),
            ("Database:Groups:east:Clinics", "north"),
            ("Database:Groups:west:ConnectionString", "Host=west"),
            ("Database:Groups:west:Clinics", "north"))));
        Assert.Contains("'north' is already in the group 'east'", error.Message, StringComparison.Ordinal);
    }
}
