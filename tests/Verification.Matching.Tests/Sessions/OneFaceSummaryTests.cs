using Verification.Matching.Fusion;
using Verification.Research.Sessions;

namespace Verification.Matching.Tests.Sessions;

public sealed class OneFaceSummaryTests
{
    private static readonly SessionSetup Setup = new(6, 2, 8, TimeSpan.FromSeconds(20));

    private static SessionOutcome Honest(int user, params SessionFlagKind[] flags) =>
        new(user, SessionKind.Honest, flags.Length == 0 ? SessionVerdictKind.Verified : SessionVerdictKind.NeedsReview, flags, null, null, [], [], [], false);

    [Fact]
    public void Rates_cover_only_the_users_the_criterion_keeps_and_count_the_rest_by_reason()
    {
        SessionOutcome[] outcomes =
        [
            Honest(0), Honest(1, SessionFlagKind.SeveralFaces), Honest(2, SessionFlagKind.TypingMismatch), Honest(3), Honest(4, SessionFlagKind.SeveralFaces),
        ];
        string?[] exclusions = [null, OneFaceCriterion.SecondFace, null, OneFaceCriterion.NoFace, OneFaceCriterion.SecondFace];

        var summary = OneFaceSummary.Of(SessionKind.Honest, outcomes, exclusions, Setup);

        Assert.Equal(5, summary.AllSessions);
        Assert.Equal(2, summary.Excluded[OneFaceCriterion.SecondFace]);
        Assert.Equal(1, summary.Excluded[OneFaceCriterion.NoFace]);
        Assert.Equal(2, summary.OneFace.Sessions);
        Assert.Equal(1, summary.OneFace.NeedsReview.Count);
        Assert.Equal(["TypingMismatch"], summary.OneFace.Flags.Keys);
    }
}
