using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Evaluation;

namespace Verification.Research.Keystroke;

/// <summary>
/// Free-text verification on the Aalto subset, through the service's <see cref="FreeTextProfile"/>: each participant's
/// profile is built from their first <see cref="FreeTextProtocol.EnrollmentSentences"/> sentences; the genuine test is
/// the first n key presses of their remaining sentences, the impostor tests the first n key presses of the remaining
/// sentences of <see cref="FreeTextProtocol.ImpostorsPerProfile"/> other participants (the same ones for both alphabets),
/// for each amount n. Run once over key classes (what the service uses) and once over physical keys (full-key digraphs),
/// so the privacy cost is measured on the same typing.
/// </summary>
internal static class FreeTextEvaluation
{
    public static FreeTextResult Run(IReadOnlyList<AaltoClassTyping> participants, FreeTextProtocol protocol, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var rng = new Random(protocol.Seed);
        var enrollment = participants.Select(p => p.ClassSentences.Take(protocol.EnrollmentSentences).Sum(s => s.Count)).ToList();
        var amounts = new List<FreeTextAmountResult>();
        var steps = protocol.Amounts.Count * 2;
        var done = 0;
        foreach (var n in protocol.Amounts)
        {
            var impostors = participants.Select((_, p) => Others(p, participants.Count, protocol.ImpostorsPerProfile, rng)).ToList();
            var classes = Scores(participants, p => p.ClassSentences, KeyClasses.Count, n, protocol, impostors);
            progress?.Invoke((double)++done / steps);
            var full = Scores(participants, p => p.FullKeySentences, AaltoClassTyping.FullKeyAlphabet, n, protocol, impostors);
            progress?.Invoke((double)++done / steps);
            amounts.Add(new FreeTextAmountResult(n, classes, full));
        }

        return new FreeTextResult(participants.Count, enrollment.Count == 0 ? 0 : enrollment.Average(), amounts);
    }

    private static FreeTextScores Scores(
        IReadOnlyList<AaltoClassTyping> participants,
        Func<AaltoClassTyping, IReadOnlyList<IReadOnlyList<ClassKeystroke>>> sentences,
        int alphabet,
        int amount,
        FreeTextProtocol protocol,
        List<int[]> impostors)
    {
        var profiles = participants.Select(p => Profile(sentences(p).Take(protocol.EnrollmentSentences), alphabet, int.MaxValue)).ToList();
        var tests = participants.Select(p =>
        {
            var rest = sentences(p).Skip(protocol.EnrollmentSentences).ToList();
            return rest.Sum(s => s.Count) >= amount ? Profile(rest, alphabet, amount) : null;
        }).ToList();

        var genuine = new List<double>();
        var impostor = new List<double>();
        for (var p = 0; p < participants.Count; p++)
        {
            if (tests[p] is not { } own || profiles[p].Keystrokes == 0)
            {
                continue;
            }

            genuine.Add(LogDistance(profiles[p].Compare(own)));
            foreach (var q in impostors[p])
            {
                if (tests[q] is { } other)
                {
                    impostor.Add(LogDistance(profiles[p].Compare(other)));
                }
            }
        }

        return new FreeTextScores(genuine, impostor);
    }

    /// <summary>
    /// The log distance the score model is fitted on. Typing that shares nothing with the profile gets a large value:
    /// the conservative choice for a genuine test and the generous one for an impostor.
    /// </summary>
    private static double LogDistance(FreeTextComparison comparison) =>
        comparison.IsComparable ? Math.Log(Math.Max(comparison.Distance, 1e-6)) : 10;

    /// <summary>A profile of the first <paramref name="limit"/> key presses of these sentences, each sentence a run.</summary>
    internal static FreeTextProfile Profile(IEnumerable<IReadOnlyList<ClassKeystroke>> sentences, int alphabet, int limit)
    {
        var profile = new FreeTextProfile(alphabet);
        var left = limit;
        foreach (var sentence in sentences)
        {
            if (left <= 0)
            {
                break;
            }

            var run = sentence.Count <= left ? sentence : [.. sentence.Take(left)];
            profile.Add(run);
            left -= run.Count;
        }

        return profile;
    }

    private static int[] Others(int p, int count, int wanted, Random rng)
    {
        var others = Enumerable.Range(0, count).Where(q => q != p).ToArray();
        rng.Shuffle(others);
        return others[..Math.Min(wanted, others.Length)];
    }
}

/// <summary>The free-text protocol: enrollment sentences, amounts of test typing, impostors per profile, seed.</summary>
internal sealed record FreeTextProtocol(int EnrollmentSentences, IReadOnlyList<int> Amounts, int ImpostorsPerProfile, int Seed)
{
    public static readonly int[] DefaultAmounts = [100, 200, 300, 1000];
}

/// <summary>Genuine and impostor log distances (lower is more alike).</summary>
internal sealed record FreeTextScores(IReadOnlyList<double> Genuine, IReadOnlyList<double> Impostor)
{
    public bool IsMeasurable => Genuine.Count > 1 && Impostor.Count > 1;

    /// <summary>Error rates with the one score direction: similarity is the negated distance.</summary>
    public ErrorRates Rates() => new([.. Genuine.Select(d => -d)], [.. Impostor.Select(d => -d)]);
}

internal sealed record FreeTextAmountResult(int Keystrokes, FreeTextScores Classes, FreeTextScores FullKeys);

internal sealed record FreeTextResult(int Participants, double MeanEnrollmentKeystrokes, IReadOnlyList<FreeTextAmountResult> Amounts);
