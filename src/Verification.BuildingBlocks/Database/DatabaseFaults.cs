using System.Net.Sockets;
using Npgsql;

namespace Verification.BuildingBlocks.Database;

/// <summary>
/// Tells a database that cannot be reached or takes no more connections from a query that is wrong. The first is
/// answered 503 <c>database_unavailable</c> with a retry hint; the second stays a bug. A command that timed out
/// during its commit may still have been recorded, so the answer does not claim that nothing was.
/// What Npgsql throws for each is pinned by DatabaseFaultsTests against a real server.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>True when <paramref name="exception"/>, or one it wraps, says the database is unreachable or overloaded.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.InnerException is not NpgsqlException:
                    // Npgsql's own, not the server's: the pool stayed exhausted or a connect or read timed out
                    // (TimeoutException), the server refused or reset the connection (SocketException), the stream ended
                    // because the server went away (IOException).
                    return npgsql.InnerException is TimeoutException or SocketException or IOException;
                case DatabaseUnavailableException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// SQLSTATEs of a server that is going or gone: class 08 (connection exception), 57P01 admin_shutdown, 57P02
    /// crash_shutdown, 57P03 cannot_connect_now (starting or stopping), 53300 too_many_connections.
    /// </summary>
    public static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300";

    /// <summary>A short reason for the log, without the message (which may quote a host or a query).</summary>
    public static string Reason(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return "SQLSTATE " + postgres.SqlState;
                case NpgsqlException { InnerException: { } inner }:
                    return inner is SocketException socket ? "socket " + socket.SocketErrorCode : inner.GetType().Name;
            }
        }

        return exception.GetType().Name;
    }
}
