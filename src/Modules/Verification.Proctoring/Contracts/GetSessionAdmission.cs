using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// Whether this node admits a new session now (docs/operations.md, "Admission control"): asked before a session token is
/// issued, so a busy node refuses over HTTP too. A refusal counts in <c>verification.sessions.refused</c>; an
/// admission holds a place among the node's starts in flight until the answer is disposed.
/// </summary>
public sealed record GetSessionAdmission : IQuery<SessionAdmission>;

/// <summary><paramref name="Refusal"/> is null when a session may start; otherwise the reason, and when to retry.</summary>
public sealed record SessionAdmission(string? Refusal, int RetryAfterSeconds, IDisposable? Place = null) : IDisposable
{
    public void Dispose() => Place?.Dispose();
}
