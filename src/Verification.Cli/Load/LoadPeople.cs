using Verification.Matching.Keystroke;
using Verification.Matching.Keystroke.FreeText;
using Verification.Proctoring.Contracts.Player;
using Verification.Research.Keystroke;

namespace Verification.Cli.Load;

/// <summary>
/// Who each simulated player is: an LFW person (the first usable photos enrol, the rest are the session's webcam frames)
/// and a CMU typist (practised repetitions enrol, later ones answer the session's typing checks). Players beyond the
/// number of people or typists reuse them in turn, each as a learner of their own.
/// </summary>
internal sealed class LoadPeople
{
    private const int EnrollmentPhotos = 5;
    private const int MinimumPhotos = EnrollmentPhotos + 2;
    private const int EnrollmentTypingSkip = 150;
    private const int SessionTypingSkip = 200;
    private const int AnswerBatchKeys = 50;
    private const int RepetitionsPerAnswerBatch = 5;

    private readonly IReadOnlyList<string> _people;
    private readonly IReadOnlyList<IReadOnlyList<CmuKeystrokeRow>> _typists;

    private LoadPeople(IReadOnlyList<string> people, IReadOnlyList<IReadOnlyList<CmuKeystrokeRow>> typists)
    {
        _people = people;
        _typists = typists;
    }

    public int PeopleCount => _people.Count;

    public static LoadPeople Load(string facesDirectory, string typingFile)
    {
        var people = Directory.EnumerateDirectories(facesDirectory)
            .Where(d => Directory.EnumerateFiles(d, "*.jpg").Take(MinimumPhotos).Count() == MinimumPhotos)
            .Order(StringComparer.Ordinal)
            .ToList();
        var typists = CmuKeystrokeData.Load(typingFile)
            .GroupBy(r => r.Subject, StringComparer.Ordinal)
            .Where(g => g.Count() > SessionTypingSkip)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<CmuKeystrokeRow>)[.. g])
            .ToList();
        if (people.Count == 0 || typists.Count == 0)
        {
            throw new InvalidOperationException(
                $"{facesDirectory} needs folders with at least {MinimumPhotos} .jpg photos, and {typingFile} typists with more than {SessionTypingSkip} repetitions.");
        }

        return new LoadPeople(people, typists);
    }

    /// <summary>The <paramref name="person"/>-th person's photos in name order.</summary>
    public IReadOnlyList<string> Photos(int person) =>
        [.. Directory.EnumerateFiles(_people[person % _people.Count], "*.jpg").Order(StringComparer.Ordinal)];

    public IEnumerable<IReadOnlyList<RawKeyEvent>> EnrollmentTyping(int player) =>
        Typist(player).Skip(EnrollmentTypingSkip).Take(KeystrokeProfile.MinimumEnrollmentSamples).Select(r => CmuKeystrokeData.ToEvents(r));

    /// <summary>The player's <paramref name="check"/>-th typing check of a session, as a hub batch.</summary>
    public KeystrokeBatch TypingCheck(int player, int check)
    {
        var rows = Typist(player);
        var row = rows[SessionTypingSkip + (check % (rows.Count - SessionTypingSkip))];
        return new KeystrokeBatch
        {
            Events = [.. CmuKeystrokeData.ToEvents(row).Select(e => new KeyEventDto { Type = e.Type, Key = e.Key, Code = e.Code, TimeStamp = e.TimeStamp, Repeat = e.Repeat })],
        };
    }

    /// <summary>
    /// The player's <paramref name="batch"/>-th answer typing batch (from 1) as the course player sends it: 50 key presses
    /// of the typist's session repetitions in turn, each repetition starting one of its own mean down-to-down times after
    /// the last one's final key-down (the benchmark does not time the pause between repetitions).
    /// </summary>
    public AnswerTypingBatch AnswerTyping(int player, int batch)
    {
        var rows = Typist(player);
        var keys = new List<AnswerKeyDto>(AnswerBatchKeys);
        var start = 0.0;
        for (var repetition = (batch - 1) * RepetitionsPerAnswerBatch; keys.Count < AnswerBatchKeys; repetition++)
        {
            var row = rows[SessionTypingSkip + (repetition % (rows.Count - SessionTypingSkip))];
            var presses = ClassKeystrokes.Of(CmuKeystrokeData.ToEvents(row));
            foreach (var press in presses.Take(AnswerBatchKeys - keys.Count))
            {
                keys.Add(new AnswerKeyDto { Class = press.KeyClass, Down = Math.Round(start + press.DownMs, 1), Up = Math.Round(start + press.UpMs, 1) });
            }

            start += presses[^1].DownMs * presses.Count / (presses.Count - 1);
        }

        return new AnswerTypingBatch { Batch = batch, Keys = [.. keys] };
    }

    private IReadOnlyList<CmuKeystrokeRow> Typist(int player) => _typists[player % _typists.Count];
}
