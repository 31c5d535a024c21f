using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Marten;

/// <summary>How the daemon pages through the log, for every projection of the service (section "Projections").</summary>
internal static class RebuildSettings
{
    public static void Apply(StoreOptions options, IConfiguration configuration)
    {
        var batchSize = configuration.GetValue<int?>("Projections:BatchSize");
        var flushThreshold = configuration.GetValue<int?>("Projections:RebuildFlushThreshold");
        options.Projections.RebuildWithBulkCopy = configuration.GetValue("Projections:RebuildWithBulkCopy", false);
        foreach (var projection in options.Projections.All)
        {
            if (batchSize is { } size)
            {
                projection.Options.BatchSize = size;
            }

            if (flushThreshold is { } threshold)
            {
                projection.Options.RebuildFlushThreshold = threshold;
            }
        }
    }
}
