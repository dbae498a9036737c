namespace Verification.Research.Sessions;

/// <summary>
/// One honest kind over the <see cref="OneFaceCriterion"/> population: how many sessions were left out and why, and the
/// summary (NeedsReview and flags with intervals) of the sessions kept. The summary over all sessions stays beside it.
/// </summary>
public sealed record OneFaceSummary(SessionKind Kind, int AllSessions, IReadOnlyDictionary<string, int> Excluded, SessionKindSummary OneFace)
{
    /// <param name="exclusions">Per user index, the criterion's reason to leave the user's sessions out (null: kept).</param>
    public static OneFaceSummary Of(SessionKind kind, IReadOnlyList<SessionOutcome> outcomes, IReadOnlyList<string?> exclusions, SessionSetup setup)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(exclusions);
        var excluded = outcomes.Select(o => exclusions[o.User]).OfType<string>()
            .GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var kept = outcomes.Where(o => exclusions[o.User] is null).ToList();
        return new OneFaceSummary(kind, outcomes.Count, excluded, SessionKindSummary.Of(kind, kept, setup));
    }
}
