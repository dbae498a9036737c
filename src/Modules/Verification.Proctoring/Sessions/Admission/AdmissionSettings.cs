namespace Verification.Proctoring.Sessions.Admission;

/// <summary>
/// <c>Proctoring:Admission</c>: when this node refuses new sessions because shedding no longer keeps up
/// (docs/operations.md, "Admission control"). Sessions already open are never refused anything.
/// </summary>
internal sealed class AdmissionSettings
{
    public const string SectionName = "Proctoring:Admission";

    /// <summary>The sliding window the shed rate is measured over, in seconds.</summary>
    public int WindowSeconds { get; set; } = 30;

    /// <summary>New sessions are refused while more than this share of the frames received in the window were shed.</summary>
    public double MaxShedFraction { get; set; } = 0.5;

    /// <summary>Below this many frames received in the window the rate says nothing, and sessions are admitted.</summary>
    public int MinFramesInWindow { get; set; } = 50;

    /// <summary>Sessions open on this node at most (0: no fixed cap, only the shed rule).</summary>
    public int MaxLiveSessions { get; set; }

    /// <summary>
    /// Session starts (StartSession, and session tokens over HTTP) in flight on this node at once; one more is refused at
    /// once with <c>server_busy</c> instead of queueing for a database connection behind a burst. Each start takes one
    /// pooled connection at a time, so this stays well under the pool's Max Pool Size (docs/operations.md,
    /// "Database connections"), leaving the rest to frames, verdicts and the background jobs.
    /// </summary>
    public int MaxConcurrentStarts { get; set; } = 16;

    /// <summary>The retry hint of a start refused by <see cref="MaxConcurrentStarts"/>, in seconds: a burst clears fast.</summary>
    public int StartRetryAfterSeconds { get; set; } = 2;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (WindowSeconds is < 2 or > 600)
        {
            problems.Add($"WindowSeconds is {WindowSeconds}: use 2 to 600 (default 30).");
        }

        if (MaxShedFraction is <= 0 or > 1 || double.IsNaN(MaxShedFraction))
        {
            problems.Add($"MaxShedFraction is {MaxShedFraction}: a share of frames above 0 and at most 1 (default 0.5).");
        }

        if (MinFramesInWindow < 1)
        {
            problems.Add($"MinFramesInWindow is {MinFramesInWindow}: at least 1 (default 50).");
        }

        if (MaxLiveSessions < 0)
        {
            problems.Add($"MaxLiveSessions is {MaxLiveSessions}: 0 (no cap) or more.");
        }

        if (MaxConcurrentStarts is < 1 or > 1000)
        {
            problems.Add($"MaxConcurrentStarts is {MaxConcurrentStarts}: use 1 to 1000 (default 16), below the database pool's Max Pool Size.");
        }

        if (StartRetryAfterSeconds is < 1 or > 600)
        {
            problems.Add($"StartRetryAfterSeconds is {StartRetryAfterSeconds}: use 1 to 600 (default 2).");
        }

        return problems;
    }
}
