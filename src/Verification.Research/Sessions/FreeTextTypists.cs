using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>
/// Aalto participants standing in for the free-text typing of chimeric users: user i types their text answers with
/// the timing of the i-th participant who has enough typing. Each has a free-text profile from their first
/// enrollment sentences and, as a session's text answers, the first stated number of key presses of the rest. The
/// free-text model that judges them is fitted on the remaining participants only.
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

    /// <summary>The participants the judging model was fitted on, none of them a typist here.</summary>
    public int ModelParticipants => _model.Provenance.Participants;

    /// <summary>
    /// The first <paramref name="users"/> of <paramref name="participants"/> with <paramref name="keystrokes"/> key
    /// presses after their enrollment sentences, judged by a model <paramref name="fitOnOthers"/> fits on all the other
    /// participants: the evaluation's typists never shape the model that judges them.
    /// </summary>
    internal static FreeTextTypists Load(
        IReadOnlyList<AaltoClassTyping> participants,
        Func<IReadOnlyList<AaltoClassTyping>, FreeTextScoreModel> fitOnOthers,
        int enrollmentSentences,
        int keystrokes,
        int users)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(fitOnOthers);
        var chosen = participants.Where(p => p.ClassSentences.Skip(enrollmentSentences).Sum(s => s.Count) >= keystrokes).Take(users).ToList();
        if (chosen.Count == 0)
        {
            throw new InvalidOperationException($"no Aalto participant has {keystrokes} key presses after {enrollmentSentences} sentences.");
        }

        var typists = chosen.Select(p => (
            FreeTextEvaluation.Profile(p.ClassSentences.Take(enrollmentSentences), KeyClasses.Count, int.MaxValue),
            FreeTextEvaluation.Profile(p.ClassSentences.Skip(enrollmentSentences), KeyClasses.Count, keystrokes))).ToList();
        return new FreeTextTypists(typists, fitOnOthers([.. participants.Except(chosen)]), keystrokes);
    }

    /// <summary>The free-text evidence of <paramref name="typist"/>'s answers against <paramref name="learner"/>'s profile (user indices).</summary>
    public FreeTextEvidence? Evidence(int learner, int typist) =>
        _model.Evidence(_typists[learner % _typists.Count].Profile.Compare(_typists[typist % _typists.Count].Answers));
}
