using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verification.Matching.Fusion;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.Hub;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// Once a second: raises stream gap for sessions whose frames stopped, ends sessions left idle, and asks for the next
/// typing check when one is due.
/// </summary>
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
        while (await NextTickAsync(timer, stoppingToken))
        {
            foreach (var session in sessions.All)
            {
                try
                {
                    await CheckAsync(session);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The monitor serves every session: one session's fault is logged and the others are still checked.
                    logger.LogError(ex, "Session {SessionId} could not be checked", session.SessionId);
                }
            }
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The Host is stopping (or never finished starting): not a failure of this service.
            return false;
        }
    }

    private async Task CheckAsync(LiveSession session)
    {
        if (session.Ending)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (session.ConnectionId is null && now - session.LastActivityAt > TimeSpan.FromSeconds(settings.IdleTimeoutSeconds))
        {
            await lifecycle.EndAsync(session, timedOut: true);
            return;
        }

        await AskForTypingWhenDueAsync(session, now);
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

    private async Task AskForTypingWhenDueAsync(LiveSession session, DateTimeOffset now)
    {
        if (session.Profile.Typing is null || session.ConnectionId is not { } connection
            || session.TypingChecksAsked >= settings.Fusion.TypingChecksPerSession
            || now - session.LastTypingAskedAt < TimeSpan.FromSeconds(settings.TypingCheckIntervalSeconds))
        {
            return;
        }

        session.TypingChecksAsked++;
        session.LastTypingAskedAt = now;
        await hub.Clients.Client(connection).Prompt(new Prompt { SessionId = session.SessionId, Code = SessionNotifier.TypePhraseCode, Message = "Please type the pledge again: the identity check asks for it a few times during the assessment." });
    }
}
