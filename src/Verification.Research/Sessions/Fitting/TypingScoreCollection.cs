using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Research.Sessions.Fitting;

/// <summary>
/// The keystroke verifier's ratios. <paramref name="Sittings"/>: each subject's own checks against its profile, one list
/// per CMU session (one day's typing), the same number of sittings for every subject, in subject order;
/// <paramref name="Impostor"/>: per pair of a subject and another typist, that typist's checks of one of their sittings
/// against the subject's profile. A simulated session draws its checks from one list: one person, one sitting, as in a real assessment, whose
/// checks share that day's hand; drawn across days or typists they would average it away.
/// </summary>
public sealed record TypingScores(IReadOnlyList<string> Subjects, IReadOnlyList<IReadOnlyList<double>> Sittings, IReadOnlyList<IReadOnlyList<double>> Impostor)
{
    /// <summary>Per subject, its checks of every sitting.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Genuine =>
        [.. Sittings.Chunk(Sittings.Count / Subjects.Count).Select(sittings => (IReadOnlyList<double>)[.. sittings.SelectMany(s => s)])];

    public IReadOnlyList<double> AllGenuine => [.. Sittings.SelectMany(s => s)];

    public IReadOnlyList<double> AllImpostor => [.. Impostor.SelectMany(g => g)];

    /// <summary>Sessions to draw from each sitting so that honest sessions are about <paramref name="sessionsPerSubject"/> per subject.</summary>
    public int HonestSessionsPerSitting(int sessionsPerSubject) => SessionsPer(sessionsPerSubject, Sittings.Count);

    /// <summary>Sessions to draw from each impostor pair so that impostor sessions are about as many as the honest ones.</summary>
    public int ImpostorSessionsPerPair(int sessionsPerSubject) => SessionsPer(sessionsPerSubject, Impostor.Count);

    private int SessionsPer(int sessionsPerSubject, int lists) =>
        (int)Math.Ceiling((double)sessionsPerSubject * Subjects.Count / Math.Max(lists, 1));
}

/// <summary>
/// Typing checks as the service scores them, on CMU typings <c>evaluate sessions</c> never scores: profiles from the same
/// ten session-1 typings it enrolls with (N = 10), checks from sessions 2 to 4 (it uses 5 to 8). The CMU set has 51
/// subjects and the evaluation pairs 50 of them, so the subjects are shared; the typings are not. Every other subject
/// is an impostor against each profile, with the same number of checks drawn at random from one of its sittings.
/// Refined profiles: the enrollment refined by one earlier verified session (the first
/// <see cref="RefinementTypings"/> typings of session 2), checked with sessions 3 and 4.
/// </summary>
public static class TypingScoreCollection
{
    public static readonly int[] CheckSessions = [2, 3, 4];

    public static readonly int[] RefinedCheckSessions = [3, 4];

    public const int RefinementSession = 2;

    /// <summary>
    /// The typing checks of one session: the count the shipped models ask for (a test holds them equal, so a fit that
    /// changes the count is run again with it).
    /// </summary>
    public const int RefinementTypings = 7;

    public static TypingScores Collect(IReadOnlyList<CmuKeystrokeRow> cmu, KeystrokeVerifier verifier, int checksPerImpostor, int seed) =>
        Collect(cmu, verifier, checksPerImpostor, seed, refined: false);

    public static TypingScores CollectRefined(IReadOnlyList<CmuKeystrokeRow> cmu, KeystrokeVerifier verifier, int checksPerImpostor, int seed) =>
        Collect(cmu, verifier, checksPerImpostor, seed, refined: true);

    /// <summary>Words for the report and the models file: what the profiles and the checks were.</summary>
    public static string Population(bool refined) => refined
        ? $"CMU subjects: profile of the first {ChimericUsers.EnrollmentTypings} session-1 typings refined by the first {RefinementTypings} of session {RefinementSession} (one earlier verified session), checks from sessions {string.Join(", ", RefinedCheckSessions)}"
        : $"CMU subjects: profile of the first {ChimericUsers.EnrollmentTypings} session-1 typings, checks from sessions {string.Join(", ", CheckSessions)}";

    private static TypingScores Collect(IReadOnlyList<CmuKeystrokeRow> cmu, KeystrokeVerifier verifier, int checksPerImpostor, int seed, bool refined)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(checksPerImpostor, 1);
        ArgumentNullException.ThrowIfNull(cmu);
        ArgumentNullException.ThrowIfNull(verifier);
        var subjects = cmu.GroupBy(r => r.Subject, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.SessionIndex).ThenBy(r => r.Rep).ToList()).ToList();
        var checkSessions = refined ? RefinedCheckSessions : CheckSessions;
        var sittings = subjects.Select(rows => checkSessions.Select(session => rows.Where(r => r.SessionIndex == session).Select(ReplayedTyping.Sample).ToList()).ToList()).ToList();
        var random = new Random(seed);
        var genuineSittings = new List<IReadOnlyList<double>>();
        var impostor = new List<IReadOnlyList<double>>();
        for (var s = 0; s < subjects.Count; s++)
        {
            var enrollment = subjects[s].Where(r => r.SessionIndex == 1).Take(ChimericUsers.EnrollmentTypings).Select(ReplayedTyping.Sample).ToList();
            var profile = KeystrokeProfile.Build(CmuKeystrokeData.Phrase, enrollment);
            if (refined)
            {
                profile = profile.Refine([.. subjects[s].Where(r => r.SessionIndex == RefinementSession).Take(RefinementTypings).Select(ReplayedTyping.Sample)]);
            }

            genuineSittings.AddRange(sittings[s].Select(sitting => (IReadOnlyList<double>)[.. sitting.Select(c => verifier.Score(profile, c).LogLikelihoodRatio)]));
            for (var other = 0; other < subjects.Count; other++)
            {
                if (other != s)
                {
                    var sitting = sittings[other][random.Next(sittings[other].Count)];
                    impostor.Add([.. sitting.OrderBy(_ => random.Next()).Take(checksPerImpostor).Select(c => verifier.Score(profile, c).LogLikelihoodRatio)]);
                }
            }
        }

        return new TypingScores([.. subjects.Select(rows => rows[0].Subject)], genuineSittings, impostor);
    }
}
