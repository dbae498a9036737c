using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Verification.BuildingBlocks.Database;

namespace Verification.Host.Errors;

/// <summary>
/// The one place exceptions become answers. A request the framework could not read (bad JSON, a NUL character, a
/// wrong content type, a body that ended early) is the caller's mistake: 4xx with a reason code, logged at
/// Information without a stack trace. A database that cannot be reached or takes no more connections is an expected
/// outage, not a bug: 503 <c>database_unavailable</c> with a Retry-After, logged at Warning without a stack trace, for
/// every endpoint at once. Anything else is a bug or failed infrastructure: a 500 without internals,
/// logged once at Error; the trace id links the two.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, DatabaseOutageSettings outage, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (RequestRefusal.From(exception) is { } refusal)
        {
            LogRefused(logger, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName ?? "no endpoint", refusal.Status, refusal.Code);
            await Refusals.WriteAsync(httpContext, problemDetails, refusal.Status, refusal.Code, refusal.Title, refusal.Detail);
            return true;
        }

        if (DatabaseFaults.IsUnavailable(exception))
        {
            LogDatabaseUnavailable(logger, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName ?? "no endpoint", DatabaseFaults.Reason(exception));
            httpContext.Response.Headers.RetryAfter = outage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Refusals.WriteAsync(
                httpContext,
                problemDetails,
                StatusCodes.Status503ServiceUnavailable,
                RefusalCodes.DatabaseUnavailable,
                "The service cannot reach its database.",
                $"Retry in {outage.RetryAfterSeconds} seconds.");
            return true;
        }

        LogFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        await Refusals.WriteAsync(
            httpContext,
            problemDetails,
            StatusCodes.Status500InternalServerError,
            RefusalCodes.InternalError,
            "Something went wrong on our side.",
            "The error was logged; quote the trace id when reporting it.");
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Endpoint}: {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, string method, string endpoint, int status, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Endpoint}: 503 database_unavailable ({Reason})")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string method, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);
}
