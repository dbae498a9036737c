using Microsoft.Extensions.DependencyInjection;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Sessions.Live;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// Another CMU subject whose typing leans against the enrolled learner's profile without reaching the typing flag, found
/// by scoring with the Host's own verifier and fitted fusion options (so it follows a refit of the models): the first
/// subject in subject order whose session checks the session rule would record as weak typing evidence.
/// </summary>
public static class WeakTypist
{
    public static (string Subject, int Checks) Find(ProctoringApp app)
    {
        var verifier = app.Factory.Services.GetRequiredService<KeystrokeVerifier>();
        var fusion = app.Factory.Services.GetRequiredService<SessionSettings>().Fusion;
        var phrase = ProctoringHostFactory.TypingPhrase;
        var enrollment = CmuTyping.Samples(Enrollments.Typist, KeystrokeProfile.MinimumEnrollmentSamples, FaceSet.EnrollmentTypingSkip)
            .Select(e => KeystrokeSampleReader.Read(phrase, e).Sample!).ToList();
        var profile = KeystrokeProfile.Build(phrase, enrollment);
        var checks = fusion.TypingChecksPerSession;
        foreach (var subject in CmuTyping.Subjects().Where(s => s != Enrollments.Typist))
        {
            var scores = Enumerable.Range(0, checks)
                .Select(i => TypingScoreModel.LogLikelihoodRatio(verifier.Score(profile, KeystrokeSampleReader.Read(phrase, FaceSet.CheckEvents(subject, i)).Sample!).LogLikelihoodRatio, fusion))
                .ToList();
            if (WeakTypingEvidence.Of([.. Enumerable.Range(1, checks)], scores, scores.Sum(), fusion.TypingMismatchEvidence) is not null)
            {
                return (subject, checks);
            }
        }

        throw new InvalidOperationException("No CMU subject's typing is weak evidence against the enrolled learner; the test needs one.");
    }
}
