using Verification.Research.Sessions;
using Verification.Research.Sessions.Fitting;

namespace Verification.Matching.Tests.Sessions;

public sealed class TypingChecksChoiceTests
{
    private static readonly FitTargets Targets = new(TypingImpostorRate: 0.8, TypingChecksTolerance: 0.01);

    [Fact]
    public void The_fewest_checks_that_catch_the_target_share_of_typing_impostors()
    {
        var chosen = TypingChecksChoice.Choose(TradeOff(0.5, 0.7, 0.81, 0.83), Targets);

        Assert.Equal(3, chosen.Checks);
        Assert.StartsWith("3 checks: the fewest (up to 10) that catch 80%", TypingChecksChoice.Describe(chosen.Checks, chosen.Point, Targets), StringComparison.Ordinal);
    }

    [Fact]
    public void When_no_count_reaches_the_target_the_fewest_within_the_tolerance_of_the_most_and_says_so()
    {
        // The shape the fit measured with one impostor typist per session: a point a check until 8, little after.
        var chosen = TypingChecksChoice.Choose(TradeOff(0.36, 0.49, 0.57, 0.585, 0.633, 0.633, 0.66, 0.665, 0.675, 0.6774), Targets);

        Assert.Equal(9, chosen.Checks);
        Assert.Contains("no count up to 10 catches 80%", TypingChecksChoice.Describe(chosen.Checks, chosen.Point, Targets), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_tolerance_the_count_that_catches_the_most()
    {
        var chosen = TypingChecksChoice.Choose(TradeOff(0.36, 0.675, 0.6774, 0.6770), Targets with { TypingChecksTolerance = 0 });

        Assert.Equal(3, chosen.Checks);
    }

    private static List<TypingChecksPoint> TradeOff(params double[] caught) =>
        [.. caught.Select((rate, i) => new TypingChecksPoint(i + 1, new EvidencePoint(-7, WilsonInterval.Of(40, 10_000), WilsonInterval.Of((int)Math.Round(rate * 10_000), 10_000), null)))];
}
