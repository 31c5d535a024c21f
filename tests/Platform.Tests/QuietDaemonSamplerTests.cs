using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Tests;

public class QuietDaemonSamplerTests
{
    [Theory]
    [InlineData("marten.daemon.highwatermark", false)]
    [InlineData("marten.clinics_a.daemon.highwatermark", false)]
    [InlineData("marten.courseoutcome.all.execution", true)]
    [InlineData("POST /courses/{courseId}/outcomes", true)]
    public void The_daemons_polling_and_the_sql_under_it_are_dropped_and_real_work_is_traced(string name, bool traced)
    {
        using var source = new ActivitySource("quiet-daemon-test-" + Guid.NewGuid());
        using var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .SetSampler(new ParentBasedSampler(new QuietDaemonSampler()))
            .Build();

        using var root = source.StartActivity(name);
        using var child = source.StartActivity("pg.query");

        Assert.Equal(traced, root?.Recorded ?? false);
        Assert.Equal(traced, child?.Recorded ?? false);
    }
}
