using Serilog.Events;

namespace Verification.Host.Errors;

/// <summary>
/// SignalR logs every exception a hub method throws at Error, refusals (<c>HubException</c>) included. The proctoring
/// hub's input filter already logs each call that fails, once: a refusal at Information with its reason code, a bug at
/// Error with its stack trace. SignalR's copy is dropped so that refusals are not errors and bugs are not doubled.
/// </summary>
internal static class HubFailureLog
{
    private const string Dispatcher = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public static bool IsLoggedByHubFilter(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: Dispatcher }
        && logEvent.MessageTemplate.Text.StartsWith("Failed to invoke hub method", StringComparison.Ordinal);
}
