using Microsoft.Extensions.Logging;
using Verification.Proctoring.Consent;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// The learner's live consent as a session ends. Frames and typing read it as they come, but a learner may withdraw
/// after the last of them: the end must still see it, so that the session is not verified on a withdrawn consent and
/// no profile is refined with biometric data the learner no longer lets us use.
/// </summary>
internal sealed class ConsentAtEnd(LiveConsent consent, ILogger<ConsentAtEnd> logger)
{
    // Short: an end waits for it, and without an answer the session is neither flagged nor allowed to refine a profile.
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(3);

    /// <summary>What the consent covers now, or null when it could not be read (then nothing may be refined).</summary>
    public async Task<IReadOnlySet<string>?> ReadAsync(LiveSession session)
    {
        using var limit = new CancellationTokenSource(ReadLimit);
        try
        {
            return await consent.CoversAsync(session.LearnerId, limit.Token);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Session {SessionId} could not read the learner's consent at its end; no profile is refined ({Reason})", session.SessionId, ex.Message);
            return null;
        }
    }
}
