using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Tests.Identity;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>A session scores its typing checks with the typing model and level fitted for its learner's kind of profile.</summary>
public sealed class RefinedTypingModelTests
{
    private const double VerifierRatio = 0.4;

    [Fact]
    public void A_session_of_a_refined_profile_scores_typing_with_the_refined_model_and_one_of_an_enrollment_profile_with_the_enrollment_model()
    {
        var settings = new SessionSettings { Fusion = Fitted() };
        var enrolled = KeystrokeProfile.Build(TypingProfileRefinementTests.Typings(1)[0].Phrase, TypingProfileRefinementTests.Typings(KeystrokeProfile.MinimumEnrollmentSamples));
        var refined = enrolled.Refine(TypingProfileRefinementTests.Typings(3));

        var ofEnrolled = SessionOf(enrolled, settings);
        var ofRefined = SessionOf(refined, settings);
        ofEnrolled.Evidence.ObserveTyping(1, VerifierRatio);
        ofRefined.Evidence.ObserveTyping(1, VerifierRatio);

        Assert.Equal(TypingScoreModel.LogLikelihoodRatio(VerifierRatio, settings.Fusion), ofEnrolled.Evidence.TypingEvidence, 12);
        Assert.Equal(TypingScoreModel.LogLikelihoodRatio(VerifierRatio, settings.Fusion.ForTypingProfile(refined: true)), ofRefined.Evidence.TypingEvidence, 12);
        Assert.NotEqual(ofEnrolled.Evidence.TypingEvidence, ofRefined.Evidence.TypingEvidence, 3);
    }

    private static LiveSession SessionOf(KeystrokeProfile typing, SessionSettings settings)
    {
        // The face template plays no part in how typing is scored.
        var profile = new IdentityProfile(Guid.CreateVersion7(), null!, typing, 0.9f, ProctoringHostFactory.TypingPhrase);
        return new LiveSession(Guid.CreateVersion7(), profile, Guid.CreateVersion7(), "quiz", 1, Guid.CreateVersion7(), settings, DateTimeOffset.UnixEpoch);
    }

    /// <summary>Fitted options whose refined typing model differs from the enrollment's, so the one in use shows.</summary>
    private static FusionOptions Fitted()
    {
        var options = new FusionOptions();
        options.Apply(new SessionScoreModels(
            "test", null!, new NormalScoreModel(0.67, 0.15), new NormalScoreModel(0, 0.09), -6, "",
            new NormalScoreModel(1.7, 1.2), new NormalScoreModel(-1.4, 1.9), -7, 8, "",
            new RefinedTypingModels("", 0, 0, new NormalScoreModel(2.4, 1.1), new NormalScoreModel(-1.2, 2), -3, "")));
        return options;
    }
}
