namespace Verification.Proctoring.Sessions.Nodes;

/// <summary>This process as a node: a new id at every start, so a restarted process never inherits a dead one's sessions.</summary>
internal sealed class ProctoringNode
{
    public Guid Id { get; } = Guid.CreateVersion7();
}
