using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Verification.Matching.Fusion;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.Hub;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>Pushes verdict changes and the prompts a raised flag calls for.</summary>
internal static class SessionNotifier
{
    public static async Task AnnounceAsync(IHubContext<ProctoringHub, IProctoringClient> hub, LiveSession session, SessionVerdict verdict, IReadOnlyList<SessionFlag> raised, bool final = false)
    {
        var client = hub.Clients.Client(session.ConnectionId ?? "");
        foreach (var flag in raised)
        {
            if (PromptFor(flag.Kind) is { } prompt)
            {
                await client.Prompt(new Prompt { SessionId = session.SessionId, Code = prompt.Code, Message = prompt.Message });
            }
        }

        if (!final && raised.Count == 0 && verdict.Kind == session.LastVerdict)
        {
            return;
        }

        session.LastVerdict = verdict.Kind;
        await client.VerdictChanged(ToMessage(session.SessionId, verdict, final));
    }

    /// <summary>The final verdict; after a withdrawal of consent, the way to the non-biometric path as well.</summary>
    public static async Task AnnounceFinalAsync(IHubContext<ProctoringHub, IProctoringClient> hub, LiveSession session, SessionVerdict verdict)
    {
        if (verdict.Flags.Any(f => f.Kind == SessionFlagKind.ConsentWithdrawn))
        {
            await hub.Clients.Client(session.ConnectionId ?? "").Prompt(new Prompt { SessionId = session.SessionId, Code = NonBiometricPathCode, Message = NonBiometricPathMessage });
        }

        await AnnounceAsync(hub, session, verdict, [], final: true);
    }

    /// <summary>
    /// Sends to the player, best effort: the player may be gone, and with the Redis backplane a message to a connection
    /// not on this node goes through Redis, which may be away. A message missed must not stop the frame loop or an end.
    /// </summary>
    public static async Task TryAsync(ILogger logger, LiveSession session, string what, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("Session {SessionId} player could not be told {What} ({ExceptionType})", session.SessionId, what, ex.GetType().Name);
        }
    }

    public const string NonBiometricPathCode = "non_biometric_path";

    public const string TypePhraseCode = "type_phrase";

    public const string NonBiometricPathMessage =
        "You withdrew your consent, so this session was not verified by the camera. Ask your course for the manual ID review or the audit track instead; nothing is held against you.";

    public static VerdictChanged ToMessage(Guid sessionId, SessionVerdict verdict, bool final) => new()
    {
        SessionId = sessionId,
        Verdict = verdict.Kind.ToString(),
        Priority = verdict.Priority.ToString(),
        Final = final,
        Flags = [.. verdict.Flags.Select(f => new FlagDto { Kind = f.Kind.ToString(), Rule = f.Rule, Frames = [.. f.Frames], Scores = [.. f.Scores] })],
    };

    private static (string Code, string Message)? PromptFor(SessionFlagKind kind) => kind switch
    {
        SessionFlagKind.NoFace => ("look_at_camera", "We can't see your face. Please look at the camera."),
        SessionFlagKind.CameraBlocked => ("camera_blocked", "Your camera seems covered or frozen. Please check it."),
        SessionFlagKind.SeveralFaces => ("one_person_only", "We see more than one person. Please take the assessment alone."),
        SessionFlagKind.StreamGap => ("look_at_camera", "We stopped receiving your camera. Please check your connection."),
        SessionFlagKind.TypingMismatch => (TypePhraseCode, "Please type the phrase once more."),
        _ => null,
    };
}
