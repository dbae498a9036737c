namespace Verification.Matching.Fusion;

/// <summary>
/// The rule "nothing is verified unseen": a session ends Verified only when its evidence covers it. Each setting says
/// why it exists; <see cref="Problems"/> names the values that would make the rule meaningless, for start-up validation.
/// </summary>
public sealed class EvidenceCoverageOptions
{
    /// <summary>
    /// Analysed frames (a face or no face was seen, not an unreadable image) a Verified session needs at least. One frame is
    /// one glance: at the default pace of a frame every 5 s, three frames are 15 s of the learner actually seen.
    /// </summary>
    public int MinimumAnalysedFrames { get; set; } = 3;

    /// <summary>
    /// The longest stretch of the session (start to first analysed frame, between analysed frames, last one to the end)
    /// allowed without an analysed frame: frames bunched at the start do not vouch for a long assessment after them.
    /// Twelve frames at the default pace; wider than the stream gap flag (20 s) so that a short network drop alone does not void a session.
    /// </summary>
    public int MaximumUncoveredSeconds { get; set; } = 60;

    /// <summary>
    /// A learner with an enrolled typing profile must pass through at least one usable typing check: the assessment asks for
    /// typing whenever the profile has it. Off only for deployments whose players have no typing check.
    /// </summary>
    public bool TypingCheckRequired { get; set; } = true;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MinimumAnalysedFrames < 1)
        {
            problems.Add($"MinimumAnalysedFrames is {MinimumAnalysedFrames}: a session cannot be verified on no frame at all; use 1 or more (default 3).");
        }

        if (MaximumUncoveredSeconds < 5)
        {
            problems.Add($"MaximumUncoveredSeconds is {MaximumUncoveredSeconds}: shorter than one frame interval, so no session could be verified; use 5 or more (default 60).");
        }

        return problems;
    }
}
