namespace Verification.Research.Sessions;

/// <summary>The shape of every simulated session: how many frames, where a face impostor takes over, how many typing checks.</summary>
public sealed record SessionSetup(int Frames, int SwapAfter, int TypingChecks, TimeSpan FrameInterval)
{
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Frames < 1)
        {
            problems.Add("--frames must be at least 1");
        }

        if (SwapAfter < 0 || SwapAfter >= Frames)
        {
            problems.Add("--swap-after must be from 0 to frames - 1");
        }

        // A typing check is one typed phrase: a few may fall between two frames, as in an assessment with several answers.
        if (TypingChecks < 0 || TypingChecks > 4 * Frames)
        {
            problems.Add("--typing-checks must be from 0 to 4 x frames");
        }

        return problems;
    }

    /// <summary>The 1-based frame after which typing check <paramref name="check"/> (0-based) is asked: spread evenly over the session.</summary>
    public int TypingCheckAfterFrame(int check) => Math.Max(1, (check + 1) * Frames / (TypingChecks + 1));
}
