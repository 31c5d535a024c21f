using System.Net.Sockets;
using Npgsql;

namespace Platform.Messaging;

/// <summary>
/// A failure that goes away by itself once a dependency is back (PostgreSQL restarting, a dropped connection, a
/// timeout), wherever Marten or MassTransit wrapped it. A consumer waits these out instead of dead-lettering; a
/// request answers 503 with Retry-After instead of 500.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UntrustedPublisherException:
                    return false;
                case NpgsqlException npgsql when npgsql.IsTransient:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }:
                case TimeoutException:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }
}
