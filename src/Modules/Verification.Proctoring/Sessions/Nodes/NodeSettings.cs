namespace Verification.Proctoring.Sessions.Nodes;

/// <summary><c>Proctoring:Nodes</c>: how long a node's lease on its sessions lasts and how often it is renewed.</summary>
internal sealed class NodeSettings
{
    public const string SectionName = "Proctoring:Nodes";

    /// <summary>A node that has not renewed its lease for this long is taken for dead: its open sessions are closed as interrupted.</summary>
    public int LeaseSeconds { get; set; } = 15;

    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>
    /// After a node's lease runs out, how long its open sessions wait for their players to resume them on another node
    /// before recovery closes them as interrupted (0: at once).
    /// </summary>
    public int ResumeGraceSeconds { get; set; } = 30;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HeartbeatSeconds is < 1 or > 60)
        {
            problems.Add($"HeartbeatSeconds is {HeartbeatSeconds}: use 1 to 60 (default 5).");
        }

        if (LeaseSeconds < 2 * HeartbeatSeconds + 1 || LeaseSeconds > 600)
        {
            problems.Add($"LeaseSeconds is {LeaseSeconds}: at least two heartbeats and a second ({2 * HeartbeatSeconds + 1}), so one late renewal does not end a live node's sessions, and at most 600 (default 15).");
        }

        if (ResumeGraceSeconds is < 0 or > 3600)
        {
            problems.Add($"ResumeGraceSeconds is {ResumeGraceSeconds}: use 0 to 3600 (default 30).");
        }

        return problems;
    }
}
