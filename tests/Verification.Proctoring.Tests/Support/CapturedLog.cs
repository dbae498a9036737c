using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Verification.Proctoring.Tests.Support;

/// <summary>Every Serilog event the Host writes, kept in memory so that a test can read what an operator would see.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>A position to read from: events before it belong to earlier work.</summary>
    public int Mark() => _events.Count;

    public IReadOnlyList<LogEvent> Since(int mark) => [.. _events.Skip(mark)];

    /// <summary>Events since <paramref name="mark"/> at Error or above, or carrying an exception (a stack trace).</summary>
    public IReadOnlyList<string> ErrorsSince(int mark) =>
        [.. Since(mark).Where(e => e.Level >= LogEventLevel.Error || e.Exception is not null).Select(e => $"{e.Level}: {e.RenderMessage()} {e.Exception?.GetType().Name}")];

    /// <summary>
    /// The statuses the request log recorded for requests to paths containing <paramref name="pathPart"/>. The log
    /// is written as the request completes, which may be just after the client has read the response: wait for one.
    /// </summary>
    public async Task<IReadOnlyList<int>> RequestStatusesAsync(int mark, string pathPart)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var statuses = RequestStatusesSince(mark, pathPart);
            if (statuses.Count > 0)
            {
                return statuses;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"No request log for {pathPart}; {_events.Count} events captured, the last: "
            + string.Join(" | ", _events.TakeLast(8).Select(e => e.MessageTemplate.Text)));
        return [];
    }

    private IReadOnlyList<int> RequestStatusesSince(int mark, string pathPart) =>
        [.. Since(mark)
            .Where(e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString().Contains(pathPart, StringComparison.Ordinal)
                && e.Properties.ContainsKey("StatusCode"))
            .Select(e => int.Parse(e.Properties["StatusCode"].ToString(), System.Globalization.CultureInfo.InvariantCulture))];
}
