using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Research.Sessions.Fitting;

/// <summary>The keystroke verifier's ratios per subject: the subject's own checks and other subjects' checks against its profile.</summary>
public sealed record TypingScores(IReadOnlyList<string> Subjects, IReadOnlyList<IReadOnlyList<double>> Genuine, IReadOnlyList<IReadOnlyList<double>> Impostor)
{
    public IReadOnlyList<double> AllGenuine => [.. Genuine.SelectMany(g => g)];

    public IReadOnlyList<double> AllImpostor => [.. Impostor.SelectMany(g => g)];
}

/// <summary>
/// Typing checks as the service scores them, on CMU typings <c>evaluate sessions</c> never uses: profiles from the same
/// ten session-1 typings it enrolls with (N = 10), checks from sessions 2 to 4 (it uses 5 to 8). The CMU set has 51
/// subjects and the evaluation pairs 50 of them, so the subjects are shared; the typings are not.
/// </summary>
public static class TypingScoreCollection
{
    public static readonly int[] CheckSessions = [2, 3, 4];

    public static TypingScores Collect(IReadOnlyList<CmuKeystrokeRow> cmu, KeystrokeVerifier verifier, int impostorChecksPerSubject, int seed)
    {
        ArgumentNullException.ThrowIfNull(cmu);
        ArgumentNullException.ThrowIfNull(verifier);
        var subjects = cmu.GroupBy(r => r.Subject, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.SessionIndex).ThenBy(r => r.Rep).ToList()).ToList();
        var checks = subjects.Select(rows => rows.Where(r => CheckSessions.Contains(r.SessionIndex)).Select(ReplayedTyping.Sample).ToList()).ToList();
        var random = new Random(seed);
        var genuine = new List<IReadOnlyList<double>>();
        var impostor = new List<IReadOnlyList<double>>();
        for (var s = 0; s < subjects.Count; s++)
        {
            var enrollment = subjects[s].Where(r => r.SessionIndex == 1).Take(ChimericUsers.EnrollmentTypings).Select(ReplayedTyping.Sample).ToList();
            var profile = KeystrokeProfile.Build(CmuKeystrokeData.Phrase, enrollment);
            genuine.Add([.. checks[s].Select(c => verifier.Score(profile, c).LogLikelihoodRatio)]);
            var others = new List<double>(impostorChecksPerSubject);
            for (var k = 0; k < impostorChecksPerSubject; k++)
            {
                var other = checks[(s + 1 + random.Next(subjects.Count - 1)) % subjects.Count];
                others.Add(verifier.Score(profile, other[random.Next(other.Count)]).LogLikelihoodRatio);
            }

            impostor.Add(others);
        }

        return new TypingScores([.. subjects.Select(rows => rows[0].Subject)], genuine, impostor);
    }
}
