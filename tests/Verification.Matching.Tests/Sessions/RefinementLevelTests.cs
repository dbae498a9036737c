using Verification.Research.Sessions.Fitting;

namespace Verification.Matching.Tests.Sessions;

public sealed class RefinementLevelTests
{
    [Fact]
    public void Chooses_the_lowest_level_at_which_at_most_the_target_share_of_impostor_sessions_would_refine()
    {
        // 100 impostor sessions: 80 never refine (flagged or weak), 20 end at evidence 0, 0.5, ..., 9.5.
        var impostor = Enumerable.Range(0, 100).Select(i => new SimulatedTypingSession(-3, i < 80 ? null : 0.5 * (i - 80))).ToList();
        var honest = Enumerable.Range(0, 10).Select(i => new SimulatedTypingSession(0, i)).ToList();

        var chosen = RefinementLevel.Choose(RefinementLevel.Curve(honest, impostor), 0.05);

        Assert.Equal(7.5, chosen.Level);
        Assert.Equal(5, chosen.ImpostorRefine.Count);
        Assert.Equal(2, chosen.HonestRefine.Count);
    }

    [Fact]
    public void Never_below_zero_and_the_highest_level_when_no_level_meets_the_target()
    {
        var strong = Enumerable.Range(0, 10).Select(_ => new SimulatedTypingSession(0, 100.0)).ToList();

        var curve = RefinementLevel.Curve(strong, strong);

        Assert.Equal(0, curve[0].Level);
        Assert.Equal(curve[^1], RefinementLevel.Choose(curve, 0.05));
    }
}
