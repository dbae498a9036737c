using Verification.Research.Sessions.Fitting;

namespace Verification.Matching.Tests.Sessions;

public sealed class EvidenceThresholdTests
{
    [Fact]
    public void Chooses_the_most_sensitive_level_whose_honest_rate_is_within_the_target()
    {
        // 1,000 honest sessions whose lowest evidence is spread evenly over [-10, 0): level t flags a share -t/10 of them.
        var honest = Enumerable.Range(0, 1000).Select(i => -10 + (i / 100.0)).ToList();
        double[] impostors = [-20, -12, -8, -3];

        var chosen = EvidenceThreshold.Choose(EvidenceThreshold.Curve(honest, impostors), 0.005);

        Assert.Equal(-10, chosen.Threshold);
        Assert.Equal(0, chosen.HonestFlagged.Count);
        Assert.Equal(2, chosen.ImpostorCaught.Count);
    }

    [Fact]
    public void A_session_is_flagged_at_a_level_only_when_its_lowest_evidence_fell_below_it()
    {
        var curve = EvidenceThreshold.Curve([-2.0, -2.5, -3.0], [-2.5]);

        var at = curve.Single(p => p.Threshold == -2.5);

        Assert.Equal(1, at.HonestFlagged.Count);
        Assert.Equal(0, at.ImpostorCaught.Count);
    }
}
