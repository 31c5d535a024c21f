using DemoClinic;

namespace EndToEnd.Tests;

/// <summary>The demo loader against the three in-process services: it loads, and a second run creates nothing new.</summary>
public sealed class DemoClinicTests(Clinic clinic) : IClassFixture<Clinic>
{
    [Fact]
    public async Task A_second_run_returns_the_same_ids_and_creates_nothing_new()
    {
        var services = new InProcess(clinic);
        var first = new DemoLoader(services, TextWriter.Null);
        await first.RunAsync(CancellationToken.None);
        var second = new DemoLoader(services, TextWriter.Null);
        await second.RunAsync(CancellationToken.None);

        Assert.Equal(DemoLoader.ReferredPatients, first.Result.Screenings.Distinct().Count());
        Assert.Equal(4, first.Result.Staff.Distinct().Count());
        Assert.Equal(first.Result.Staff, second.Result.Staff);
        Assert.Equal(first.Result.Rooms, second.Result.Rooms);
        Assert.Equal(first.Result.Screenings, second.Result.Screenings);
    }

    private sealed class InProcess(Clinic clinic) : IDemoServices
    {
        public HttpClient Screening(string role, string subject) => clinic.Screening.ClientFor(role, subject);

        public HttpClient Scheduling(string role, string subject) => clinic.Scheduling.ClientFor(role, subject);
    }
}
