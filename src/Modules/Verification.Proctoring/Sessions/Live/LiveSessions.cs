using System.Collections.Concurrent;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>The sessions open on this node. A session lives on the node its player is connected to.</summary>
internal sealed class LiveSessions
{
    private readonly ConcurrentDictionary<Guid, LiveSession> _sessions = new();

    public IEnumerable<LiveSession> All => _sessions.Values;

    public bool TryAdd(LiveSession session) => _sessions.TryAdd(session.SessionId, session);

    public LiveSession? Find(Guid sessionId) => _sessions.GetValueOrDefault(sessionId);

    public LiveSession? FindOpen(Guid learnerId, Guid courseId, string assessmentId) =>
        _sessions.Values.FirstOrDefault(s => s.LearnerId == learnerId && s.CourseId == courseId && s.AssessmentId == assessmentId && !s.Ending);

    public void Remove(Guid sessionId) => _sessions.TryRemove(sessionId, out _);
}
