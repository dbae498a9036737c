using Verification.Matching.Fusion;
using Verification.Research.Sessions;

namespace Verification.Matching.Tests.Sessions;

/// <summary>
/// The typing trade-off counts a session as flagged exactly when <see cref="SessionEvidence"/> would raise the typing flag,
/// under the typing model of the session's profile (enrollment or refined).
/// </summary>
public sealed class TypingTradeOffTests
{
    [Fact]
    public void A_session_is_counted_at_a_level_and_number_of_checks_exactly_when_the_session_evidence_flags_it()
    {
        var fusion = new FusionOptions { RefinedTypingGenuineMean = 2.2, RefinedTypingImpostorMean = -1.2, RefinedTypingSd = 1.6 };
        var random = new Random(5);
        var outcomes = new List<SessionOutcome>();
        for (var i = 0; i < 300; i++)
        {
            var kind = (SessionKind)(i % 4);
            var mean = kind == SessionKind.TypingImpostor ? -1.5 : 1.0;
            var llrs = Enumerable.Range(0, 6).Select(_ => mean + (2 * (random.NextDouble() - 0.5) * 3)).ToList();
            outcomes.Add(new SessionOutcome(i, kind, SessionVerdictKind.Verified, [], null, null, [], [], llrs, false, RefinedTyping: i % 3 == 0));
        }

        var points = TypingTradeOff.Measure(outcomes, fusion, 6);

        foreach (var point in points.Where(p => p.Level is -2 or -4.5 or -7))
        {
            var options = new FusionOptions
            {
                TypingMismatchEvidence = point.Level,
                RefinedTypingGenuineMean = 2.2, RefinedTypingImpostorMean = -1.2, RefinedTypingSd = 1.6, RefinedTypingMismatchEvidence = point.Level,
            };
            int Flagged(SessionKind[] kinds) => outcomes.Count(o => kinds.Contains(o.Kind) && FlaggedBySessionEvidence(o, options, point.Checks));
            Assert.Equal(Flagged([SessionKind.Honest, SessionKind.HonestDegraded, SessionKind.FaceImpostor]), point.OwnTypingFlagged.Count);
            Assert.Equal(Flagged([SessionKind.TypingImpostor]), point.ImpostorsCaught.Count);
        }

        var sixChecks = points.Where(p => p.Checks == 6).OrderByDescending(p => p.Level).Select(p => p.OwnTypingFlagged.Count).ToList();
        Assert.Equal(sixChecks.OrderByDescending(c => c), sixChecks);
        Assert.True(sixChecks[0] > sixChecks[^1], "a lower level flags fewer of the learner's own sessions");
    }

    private static bool FlaggedBySessionEvidence(SessionOutcome outcome, FusionOptions options, int checks)
    {
        var evidence = new SessionEvidence(options.ForTypingProfile(outcome.RefinedTyping));
        var flagged = false;
        for (var c = 0; c < checks; c++)
        {
            flagged |= evidence.ObserveTyping(c + 1, outcome.TypingLlrs[c]) is not null;
        }

        return flagged;
    }
}
