using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>
/// Aalto participants standing in for the free-text typing of chimeric users: user i types their text answers with
/// the timing of the i-th participant who has enough typing. Each has a free-text profile from their first
/// enrollment sentences and, as a session's text answers, the first stated number of key presses of the rest.
/// </summary>
public sealed class FreeTextTypists
{
    private readonly List<(FreeTextProfile Profile, FreeTextProfile Answers)> _typists;
    private readonly FreeTextScoreModel _model;

    private FreeTextTypists(List<(FreeTextProfile, FreeTextProfile)> typists, FreeTextScoreModel model, int keystrokes)
    {
        _typists = typists;
        _model = model;
        Keystrokes = keystrokes;
    }

    public int Keystrokes { get; }

    public int Count => _typists.Count;

    public static FreeTextTypists Load(string aaltoDirectory, FreeTextScoreModel model, int enrollmentSentences, int keystrokes)
    {
        ArgumentNullException.ThrowIfNull(model);
        var typists = new List<(FreeTextProfile, FreeTextProfile)>();
        foreach (var participant in AaltoClassTyping.LoadAll(aaltoDirectory))
        {
            var rest = participant.ClassSentences.Skip(enrollmentSentences).ToList();
            if (rest.Sum(s => s.Count) >= keystrokes)
            {
                typists.Add((FreeTextEvaluation.Profile(participant.ClassSentences.Take(enrollmentSentences), KeyClasses.Count, int.MaxValue), FreeTextEvaluation.Profile(rest, KeyClasses.Count, keystrokes)));
            }
        }

        if (typists.Count == 0)
        {
            throw new InvalidOperationException($"no Aalto participant in {aaltoDirectory} has {keystrokes} key presses after {enrollmentSentences} sentences.");
        }

        return new FreeTextTypists(typists, model, keystrokes);
    }

    /// <summary>The free-text evidence of <paramref name="typist"/>'s answers against <paramref name="learner"/>'s profile (user indices).</summary>
    public FreeTextEvidence? Evidence(int learner, int typist) =>
        _model.Evidence(_typists[learner % _typists.Count].Profile.Compare(_typists[typist % _typists.Count].Answers));
}
