using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Research.Sessions.Fitting;

/// <summary>
/// The keystroke verifier's ratios: per subject, the subject's own checks against its profile (<paramref name="Genuine"/>);
/// per pair of a subject and another typist, that typist's checks against the subject's profile (<paramref name="Impostor"/>).
/// An impostor session is one person typing every check, so its checks come from one list, never from several typists.
/// </summary>
public sealed record TypingScores(IReadOnlyList<string> Subjects, IReadOnlyList<IReadOnlyList<double>> Genuine, IReadOnlyList<IReadOnlyList<double>> Impostor)
{
    public IReadOnlyList<double> AllGenuine => [.. Genuine.SelectMany(g => g)];

    public IReadOnlyList<double> AllImpostor => [.. Impostor.SelectMany(g => g)];

    /// <summary>Sessions to draw from each impostor pair so that impostor sessions are about as many as <paramref name="sessionsPerSubject"/> per subject gives honest ones.</summary>
    public int ImpostorSessionsPerPair(int sessionsPerSubject) =>
        (int)Math.Ceiling((double)sessionsPerSubject * Genuine.Count / Math.Max(Impostor.Count, 1));
}

/// <summary>
/// Typing checks as the service scores them, on CMU typings <c>evaluate sessions</c> never scores: profiles from the same
/// ten session-1 typings it enrolls with (N = 10), checks from sessions 2 to 4 (it uses 5 to 8). The CMU set has 51
/// subjects and the evaluation pairs 50 of them, so the subjects are shared; the typings are not. Every other subject
/// is an impostor against each profile, with the same number of its checks drawn at random.
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
    public const int RefinementTypings = 9;

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
        var checks = subjects.Select(rows => rows.Where(r => checkSessions.Contains(r.SessionIndex)).Select(ReplayedTyping.Sample).ToList()).ToList();
        var random = new Random(seed);
        var genuine = new List<IReadOnlyList<double>>();
        var impostor = new List<IReadOnlyList<double>>();
        for (var s = 0; s < subjects.Count; s++)
        {
            var enrollment = subjects[s].Where(r => r.SessionIndex == 1).Take(ChimericUsers.EnrollmentTypings).Select(ReplayedTyping.Sample).ToList();
            var profile = KeystrokeProfile.Build(CmuKeystrokeData.Phrase, enrollment);
            if (refined)
            {
                profile = profile.Refine([.. subjects[s].Where(r => r.SessionIndex == RefinementSession).Take(RefinementTypings).Select(ReplayedTyping.Sample)]);
            }

            genuine.Add([.. checks[s].Select(c => verifier.Score(profile, c).LogLikelihoodRatio)]);
            for (var other = 0; other < subjects.Count; other++)
            {
                if (other != s)
                {
                    impostor.Add([.. checks[other].OrderBy(_ => random.Next()).Take(checksPerImpostor).Select(c => verifier.Score(profile, c).LogLikelihoodRatio)]);
                }
            }
        }

        return new TypingScores([.. subjects.Select(rows => rows[0].Subject)], genuine, impostor);
    }
}
