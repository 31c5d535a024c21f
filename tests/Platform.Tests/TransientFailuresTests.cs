using System.Net.Sockets;
using Npgsql;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Tests;

/// <summary>Which consumer failures are waited out (a dependency is down) and which go to _error after a short retry.</summary>
public class TransientFailuresTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new NpgsqlException("connection refused", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), true },
        // Marten and MassTransit wrap what they catch; the cause decides.
        { new InvalidOperationException("command failed", new NpgsqlException("broken", new TimeoutException())), true },
        { new TimeoutException(), true },
        { new PostgresException("the database system is shutting down", "FATAL", "FATAL", PostgresErrorCodes.CrashShutdown), true },
        { new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), false },
        { new InvalidOperationException("Course refused SafetyHoldPlaced: SCH-COURSE-NOT-FOUND."), false },
        { new UntrustedPublisherException("forged"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Only_a_dependency_being_down_is_waited_out(Exception failure, bool transient) =>
        Assert.Equal(transient, TransientFailures.IsTransient(failure));
}
