namespace Verification.Proctoring.Reviews;

/// <summary><c>Proctoring:Reviews</c>: how long a reviewer's claim on a case holds, and how long a queue page is.</summary>
internal sealed class ReviewSettings
{
    public const string SectionName = "Proctoring:Reviews";

    /// <summary>Notes are bounded so a history stays readable; the database holds the same bound.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>A claim lapses after this long, so a reviewer who walks away does not keep a case from everyone else.</summary>
    public int ClaimMinutes { get; set; } = 30;

    /// <summary>Cases on one page of the queue; the counts always cover every matching case.</summary>
    public int QueuePageSize { get; set; } = 100;

    public TimeSpan ClaimDuration => TimeSpan.FromMinutes(ClaimMinutes);

    /// <summary>The settings that break a promise of docs/reviewer-console.md, each with its reason; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ClaimMinutes is < 1 or > 24 * 60)
        {
            problems.Add("ClaimMinutes must be between 1 and 1440: a claim must lapse, and within a day.");
        }

        if (QueuePageSize is < 1 or > 1000)
        {
            problems.Add("QueuePageSize must be between 1 and 1000.");
        }

        return problems;
    }
}
