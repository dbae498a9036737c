using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verification.Billing.Api;

/// <summary>
/// Billing's calls answer a lost database with 503 <c>database_unavailable</c> and a Retry-After, not a 500: the
/// transaction rolled back, nothing was recorded, and a retry with the same Idempotency-Key is safe.
/// </summary>
internal static class DatabaseFaultFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (IsOutage(ex) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseFaultFilter))
                .LogWarning("Billing call refused: the database is unreachable ({Reason})", ex.GetType().Name);
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return BillingProblems.DatabaseUnavailable();
        }
    }

    private static bool IsOutage(Exception ex) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => true,
        TimeoutException => true,
        _ => false,
    };
}
