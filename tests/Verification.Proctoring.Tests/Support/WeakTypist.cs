using Microsoft.Extensions.DependencyInjection;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Sessions.Live;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// Another CMU subject whose typing leans against the enrolled learner's profile without reaching the typing flag, found
/// by scoring the learner's stored profile with the Host's own verifier and fitted fusion options (so it follows a refit of the models): the first
/// subject in subject order whose session checks the session rule would record as weak typing evidence.
/// </summary>
public static class WeakTypist
{
    public static async Task<(string Subject, int Checks)> FindAsync(ProctoringApp app, TestLearner learner)
    {
        var verifier = app.Factory.Services.GetRequiredService<KeystrokeVerifier>();
        var fusion = app.Factory.Services.GetRequiredService<SessionSettings>().Fusion;
        // The profile as the Host stored it, which its sessions score against.
        var stored = await app.Factory.Services.GetRequiredService<Proctoring.Identity.IdentityProfiles>().LoadAsync(learner.LearnerId, TestContext.Current.CancellationToken);
        var profile = stored?.Typing ?? throw new InvalidOperationException("The learner has no typing profile.");
        var phrase = profile.Phrase;
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
