namespace Verification.Proctoring.Reviews.GetReviewCase;

/// <summary>
/// The session frame by frame: every frame number from 1 to the frames received appears once, analysed or as a gap,
/// so a shed or unanalysed frame is visible instead of silently missing.
/// </summary>
internal static class ReviewTimeline
{
    private const int MaxFrames = 100_000;

    public static IReadOnlyList<TimelineFrame> Build(
        DateTime startedAt,
        int framesReceived,
        IEnumerable<(int Frame, DateTime ReceivedAt, int FacesFound, float? MatchScore, float? Liveness, string? RejectionCode)> analysed,
        IReadOnlyList<int> evidence)
    {
        var byFrame = analysed.ToDictionary(f => f.Frame);
        var kept = evidence.ToHashSet();
        // Frame numbers come from the player: gaps are only looked for among the frames the hub counted, never up to a number a client made up.
        var numbers = new SortedSet<int>(byFrame.Keys);
        for (var frame = 1; frame <= Math.Min(framesReceived, MaxFrames); frame++)
        {
            numbers.Add(frame);
        }

        var timeline = new List<TimelineFrame>(numbers.Count);
        foreach (var frame in numbers)
        {
            timeline.Add(byFrame.TryGetValue(frame, out var f)
                ? new TimelineFrame(frame, Math.Round((f.ReceivedAt - startedAt).TotalSeconds, 1), true, f.FacesFound, f.MatchScore, f.Liveness, f.RejectionCode, kept.Contains(frame))
                : new TimelineFrame(frame, null, false, null, null, null, null, kept.Contains(frame)));
        }

        return timeline;
    }
}
