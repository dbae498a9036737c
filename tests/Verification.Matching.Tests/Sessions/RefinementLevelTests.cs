using Verification.Research.Sessions.Fitting;

namespace Verification.Matching.Tests.Sessions;

public sealed class RefinementLevelTests
{
    [Fact]
    public void Chooses_the_highest_level_at_which_at_least_the_target_share_of_honest_sessions_still_refine()
    {
        // 100 honest sessions: 2 never refine (flagged or weak), 98 end at evidence 0, 0.5, ..., 48.5.
        var honest = Enumerable.Range(0, 100).Select(i => new SimulatedTypingSession(0, i < 2 ? null : 0.5 * (i - 2))).ToList();
        var impostor = Enumerable.Range(0, 10).Select(i => new SimulatedTypingSession(-3, i)).ToList();

        var chosen = RefinementLevel.Choose(RefinementLevel.Curve(honest, impostor), 0.95);

        // At 1.5 the sessions at 0, 0.5 and 1 drop out: 95 of 100 still refine; at 2, 94.
        Assert.Equal(1.5, chosen.Level);
        Assert.Equal(95, chosen.HonestRefine.Count);
        Assert.Equal(8, chosen.ImpostorRefine.Count);
    }

    [Fact]
    public void The_lowest_level_when_even_it_keeps_too_few_honest_sessions()
    {
        var weak = Enumerable.Range(0, 10).Select(i => new SimulatedTypingSession(0, i < 5 ? null : 1.0)).ToList();

        var curve = RefinementLevel.Curve(weak, weak);

        Assert.Equal(0, curve[0].Level);
        Assert.Equal(curve[0], RefinementLevel.Choose(curve, 0.95));
    }
}
