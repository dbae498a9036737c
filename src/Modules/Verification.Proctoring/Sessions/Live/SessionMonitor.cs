using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verification.Matching.Fusion;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.Hub;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>Once a second: raises stream gap for sessions whose frames stopped, and ends sessions left idle.</summary>
internal sealed class SessionMonitor(
    LiveSessions sessions,
    SessionLifecycle lifecycle,
    SessionSettings settings,
    IHubContext<ProctoringHub, IProctoringClient> hub,
    TimeProvider time,
    ILogger<SessionMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var session in sessions.All)
                {
                    try
                    {
                        await CheckAsync(session, stoppingToken);
                    }
                    catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
                    {
                        logger.LogError(ex, "Session {SessionId} could not be checked", session.SessionId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A host stopping before it finished starting (the database unreachable) cancels the timer: not a failure.
        }
    }

    private async Task CheckAsync(LiveSession session, CancellationToken cancellationToken)
    {
        if (session.Ending)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (session.ConnectionId is null && now - session.LastActivityAt > TimeSpan.FromSeconds(settings.IdleTimeoutSeconds))
        {
            await lifecycle.EndAsync(session, timedOut: true, cancellationToken);
            return;
        }

        var gap = now - session.LastFrameAt;
        if (gap <= TimeSpan.FromSeconds(settings.StreamGapSeconds))
        {
            return;
        }

        SessionFlag? raised;
        SessionVerdict verdict;
        lock (session.Gate)
        {
            raised = session.Evidence.ObserveGap(gap, session.LastFrameNumber);
            verdict = session.Evidence.Verdict();
        }

        if (raised is not null)
        {
            await SessionNotifier.AnnounceAsync(hub, session, verdict, [raised]);
        }
    }
}
