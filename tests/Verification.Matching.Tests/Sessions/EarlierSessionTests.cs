using Verification.Matching.Face;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Research.Sessions;
using Verification.Research.Sessions.Fitting;
using Verification.Testing;

namespace Verification.Matching.Tests.Sessions;

/// <summary>
/// What an earlier verified session does to the typing evidence, on the whole CMU population: the profile it refines
/// knows its typist better, and an earlier session that typing alone flags refines nothing.
/// </summary>
public sealed class EarlierSessionTests
{
    private static readonly Lazy<IReadOnlyList<CmuKeystrokeRow>> Cmu = new(() =>
        CmuKeystrokeData.Load(Path.Combine(SharedData.RequireDirectory("keystroke"), CmuKeystrokeData.FileName)));

    private static readonly Lazy<KeystrokeVerifier> Verifier = new(() =>
        KeystrokeVerifier.Load(Path.Combine(RepositoryPaths.Models, "keystroke"), new KeystrokeOptions()));

    [Fact]
    public void Over_every_CMU_subject_a_refined_profile_scores_its_typists_later_checks_higher_and_still_tells_other_typists_apart()
    {
        var enrollment = TypingScoreCollection.Collect(Cmu.Value, Verifier.Value, 50, 17);
        var refined = TypingScoreCollection.CollectRefined(Cmu.Value, Verifier.Value, 50, 17);

        var subjectsHigher = enrollment.Genuine.Zip(refined.Genuine).Count(pair => pair.Second.Average() > pair.First.Average());

        Assert.Equal(51, refined.Subjects.Count);
        Assert.True(refined.AllGenuine.Average() > enrollment.AllGenuine.Average() + 0.3, $"refined {refined.AllGenuine.Average():F2}, enrollment {enrollment.AllGenuine.Average():F2}");
        Assert.True(subjectsHigher >= 35, $"{subjectsHigher} of 51 subjects score higher against their refined profile");
        Assert.True(refined.AllImpostor.Average() < 0 && refined.AllImpostor.Average() < refined.AllGenuine.Average() - 2);
    }

    [Fact]
    public void An_earlier_session_refines_the_profile_with_its_checks_unless_typing_alone_flags_it()
    {
        var user = EnrolledUserTypingAs("s002");
        var lenient = new FusionOptions { TypingMismatchEvidence = -1000 };
        var strict = new FusionOptions { TypingMismatchEvidence = 1000 };

        var refined = user.AfterEarlierSession(Verifier.Value, lenient);
        var unrefined = user.AfterEarlierSession(Verifier.Value, strict);

        Assert.True(refined.Typing.IsRefined);
        Assert.Equal(ChimericUsers.EnrollmentTypings + ChimericUsers.EarlierSessionTypings, refined.Typing.SampleCount);
        Assert.Equal(ChimericUsers.EnrollmentTypings, refined.Typing.EnrollmentCount);
        Assert.Same(user, unrefined);
        Assert.False(unrefined.Typing.IsRefined);
    }

    private static EnrolledUser EnrolledUserTypingAs(string subject)
    {
        var rows = Cmu.Value.Where(r => r.Subject == subject).OrderBy(r => r.SessionIndex).ThenBy(r => r.Rep).ToList();
        var user = new ChimericUser(
            0, "someone", [], subject,
            [.. rows.Where(r => r.SessionIndex == 1).Take(ChimericUsers.EnrollmentTypings)],
            [.. rows.Where(r => r.SessionIndex >= ChimericUsers.FirstSessionTypingSession)],
            [.. rows.Where(r => r.SessionIndex == ChimericUsers.EarlierSessionTypingSession).Take(ChimericUsers.EarlierSessionTypings)]);
        var embedding = Enumerable.Range(0, 512).Select(i => (float)Math.Sin(i)).ToArray();
        var typing = KeystrokeProfile.Build(CmuKeystrokeData.Phrase, [.. user.EnrollmentTypings.Select(ReplayedTyping.Sample)]);
        return new EnrolledUser(user, FaceTemplate.Create([embedding, embedding, embedding]), typing, 1, []);
    }
}
