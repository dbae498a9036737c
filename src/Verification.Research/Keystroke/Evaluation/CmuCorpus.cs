using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>The CMU benchmark replayed through <see cref="KeystrokeSampleReader"/>, subjects sorted by name.</summary>
internal sealed class CmuCorpus
{
    private CmuCorpus(IReadOnlyList<CmuSubject> subjects) => Subjects = subjects;

    public IReadOnlyList<CmuSubject> Subjects { get; }

    /// <summary>Replays every row; a row the reader refuses is a bug in the reader (the benchmark is honest typing), so it throws.</summary>
    public static CmuCorpus Replay(IReadOnlyList<CmuKeystrokeRow> rows)
    {
        var bySubject = new SortedDictionary<string, List<(int Session, int Rep, KeystrokeSample Sample)>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var result = KeystrokeSampleReader.Read(CmuKeystrokeData.Phrase, CmuKeystrokeData.ToEvents(row));
            if (!result.IsAccepted)
            {
                throw new InvalidOperationException($"The reader refused CMU row {row.Subject}/{row.SessionIndex}/{row.Rep}: {result.Rejection.Code}.");
            }

            if (!bySubject.TryGetValue(row.Subject, out var list))
            {
                bySubject[row.Subject] = list = [];
            }

            list.Add((row.SessionIndex, row.Rep, result.Sample));
        }

        var subjects = new List<CmuSubject>(bySubject.Count);
        foreach (var (name, list) in bySubject)
        {
            list.Sort(static (a, b) => a.Session != b.Session ? a.Session.CompareTo(b.Session) : a.Rep.CompareTo(b.Rep));
            subjects.Add(new CmuSubject(
                name,
                [.. list.Select(t => t.Sample)],
                [.. list.Select(t => t.Session)],
                [.. list.Select(t => t.Rep)]));
        }

        return new CmuCorpus(subjects);
    }
}
