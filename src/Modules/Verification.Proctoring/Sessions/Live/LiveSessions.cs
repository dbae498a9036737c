using System.Collections.Concurrent;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>The sessions open on this node. A session lives on the node its player is connected to.</summary>
internal sealed class LiveSessions
{
    private readonly ConcurrentDictionary<Guid, LiveSession> _sessions = new();

    public IEnumerable<LiveSession> All => _sessions.Values;

    public bool TryAdd(LiveSession session) => _sessions.TryAdd(session.SessionId, session);

    public LiveSession? Find(Guid sessionId) => _sessions.GetValueOrDefault(sessionId);

    public LiveSession? FindOpen(Guid learnerId, Guid courseId, string assessmentId, int attempt) =>
        _sessions.Values.FirstOrDefault(s => s.LearnerId == learnerId && s.CourseId == courseId && s.AssessmentId == assessmentId && s.Attempt == attempt && !s.Ending);

    public LiveSession? FindByToken(Guid tokenId) => _sessions.Values.FirstOrDefault(s => s.TokenId == tokenId && !s.Ending);

    public int CountOpen(Guid learnerId) => _sessions.Values.Count(s => s.LearnerId == learnerId && !s.Ending);

    public int CountLive() => _sessions.Values.Count(s => !s.Ending);

    public void Remove(Guid sessionId) => _sessions.TryRemove(sessionId, out _);
}
