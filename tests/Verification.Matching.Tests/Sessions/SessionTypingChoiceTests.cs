using Verification.Research.Keystroke;
using Verification.Research.Sessions;

namespace Verification.Matching.Tests.Sessions;

public sealed class SessionTypingChoiceTests
{
    // CMU sessions 5 to 8 of one typist, 50 typings each, as ChimericUsers keeps them.
    private static readonly IReadOnlyList<CmuKeystrokeRow> Typings =
        [.. Enumerable.Range(5, 4).SelectMany(session => Enumerable.Range(1, 50).Select(rep => new CmuKeystrokeRow("s002", session, rep, [])))];

    [Fact]
    public void An_assessments_checks_come_from_one_sitting_and_every_sitting_is_chosen()
    {
        var chosen = Enumerable.Range(0, 200).Select(seed => SessionTypingChoice.OneSitting(Typings, 9, new Random(seed))).ToList();

        Assert.All(chosen, checks => Assert.Single(checks.Select(r => r.SessionIndex).Distinct()));
        Assert.All(chosen, checks => Assert.Equal(9, checks.Select(r => r.Rep).Distinct().Count()));
        Assert.Equal([5, 6, 7, 8], chosen.Select(checks => checks[0].SessionIndex).Distinct().Order());
    }

    [Fact]
    public void No_typings_give_no_checks() =>
        Assert.Empty(SessionTypingChoice.OneSitting([], 9, new Random(1)));
}
