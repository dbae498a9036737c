using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// The evaluation protocol of Killourhy &amp; Maxion 2009 (Sec. 6, and CMU's evaluation-script.R), as
/// <c>reference_eval.py</c> implements it, plus the practised-impostor variant. For each subject as the genuine user:
/// enrollment = the first N samples in typing order; genuine tests = sessions 5–8 (200 samples, whatever N is);
/// paper impostors = session 1 reps 1–5 of every other subject; practised impostors = session 5 reps 1–5 of every
/// other subject, who by then had typed the password 200 times.
/// </summary>
internal static class CmuProtocol
{
    public static readonly int[] EnrollmentSizes = [200, 50, 10];

    public static IReadOnlyList<KeystrokeSample> Enrollment(CmuSubject subject, int n) => subject.Samples[..n];

    public static List<KeystrokeSample> Genuine(CmuSubject subject)
    {
        var list = new List<KeystrokeSample>(200);
        for (var i = 0; i < subject.Samples.Length; i++)
        {
            if (subject.Sessions[i] >= 5)
            {
                list.Add(subject.Samples[i]);
            }
        }

        return list;
    }

    public static List<KeystrokeSample> Impostors(CmuCorpus corpus, CmuSubject genuine, ImpostorKind kind)
    {
        var session = kind == ImpostorKind.Paper ? 1 : 5;
        var list = new List<KeystrokeSample>(250);
        foreach (var other in corpus.Subjects)
        {
            if (ReferenceEquals(other, genuine))
            {
                continue;
            }

            for (var i = 0; i < other.Samples.Length; i++)
            {
                if (other.Sessions[i] == session && other.Reps[i] <= 5)
                {
                    list.Add(other.Samples[i]);
                }
            }
        }

        return list;
    }
}

internal enum ImpostorKind
{
    /// <summary>Other subjects' first five typings ever (session 1, reps 1–5): the paper's impostors.</summary>
    Paper,

    /// <summary>Other subjects' session 5 reps 1–5, typed after 200 repetitions of practice.</summary>
    Practised,
}
