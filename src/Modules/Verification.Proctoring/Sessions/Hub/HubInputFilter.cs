using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.Database;

namespace Verification.Proctoring.Sessions.Hub;

/// <summary>
/// Every hub call passes here. A null where the method's signature has no <c>?</c> (<c>SendFrame(null)</c>,
/// <c>StartSession(null)</c>) is refused as <c>invalid_message</c> before the method runs. Refusals (a
/// <see cref="HubException"/>, whose message starts with its reason code) are logged at Information with the code
/// only. A database that cannot be reached or takes no more connections becomes the refusal
/// <c>database_unavailable</c> with a retry hint, logged at Warning without a stack trace; the call may be sent
/// again after the hint. Anything else is a bug, logged once at Error with its stack trace, and the client gets
/// SignalR's generic error.
/// </summary>
internal sealed partial class HubInputFilter(DatabaseOutageSettings outage, ILogger<HubInputFilter> logger) : IHubFilter
{
    public const string InvalidMessage = "invalid_message";

    public const string DatabaseUnavailable = "database_unavailable";

    private static readonly ConcurrentDictionary<MethodInfo, string?[]> RequiredParameters = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        try
        {
            var required = RequiredParameters.GetOrAdd(invocationContext.HubMethod, NonNullableParameterNames);
            var arguments = invocationContext.HubMethodArguments;
            for (var i = 0; i < arguments.Count && i < required.Length; i++)
            {
                if (arguments[i] is null && required[i] is { } name)
                {
                    throw new HubException($"{InvalidMessage}: {method} needs a value for {name}.");
                }
            }

            return await next(invocationContext);
        }
        catch (HubException refusal)
        {
            LogRefused(logger, method, ReasonCode(refusal.Message));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFaults.IsUnavailable(ex))
        {
            LogDatabaseUnavailable(logger, method, DatabaseFaults.Reason(ex));
            throw new HubException(
                $"{DatabaseUnavailable}: the service cannot reach its database. Retry in {outage.RetryAfterSeconds} seconds.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, method, invocationContext.Context.ConnectionId);
            throw;
        }
    }

    private static string ReasonCode(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? message[..colon] : "unspecified";
    }

    // The names of the parameters that may not be null, by position; null where null is allowed.
    private static string?[] NonNullableParameterNames(MethodInfo method)
    {
        var context = new NullabilityInfoContext();
        var parameters = method.GetParameters();
        var names = new string?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var nullable = !parameter.ParameterType.IsValueType
                ? context.Create(parameter).WriteState != NullabilityState.NotNull
                : Nullable.GetUnderlyingType(parameter.ParameterType) is not null;
            names[i] = nullable ? null : parameter.Name;
        }

        return names;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub {Method} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string method, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {Method} refused: database_unavailable ({Reason})")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub {Method} failed on connection {ConnectionId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string connectionId);
}
