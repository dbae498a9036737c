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
    public void Simulated_sessions_draw_their_checks_from_one_sitting_of_the_learner_or_of_one_impostor()
    {
        var scores = TypingScoreCollection.Collect(Cmu.Value, Verifier.Value, 3, 17);

        // 51 profiles, each checked by its typist's three sittings (CMU sessions 2-4, 50 typings a day) and by the 50
        // other subjects, 3 checks each from one of their sittings: a session's checks come from one list.
        Assert.Equal(51 * 3, scores.Sittings.Count);
        Assert.All(scores.Sittings, checks => Assert.Equal(50, checks.Count));
        Assert.Equal(scores.AllGenuine, scores.Sittings.SelectMany(s => s));
        Assert.Equal(51 * 50, scores.Impostor.Count);
        Assert.All(scores.Impostor, checks => Assert.Equal(3, checks.Count));
        Assert.Equal((67, 4), (scores.HonestSessionsPerSitting(200), scores.ImpostorSessionsPerPair(200)));
    }

    [Fact]
    public void The_refined_profile_in_the_fit_holds_as_many_typings_as_a_session_of_the_shipped_models_asks_for() =>
        Assert.Equal(TypingScoreCollection.RefinementTypings, SessionScoreModels.Load(RepositoryPaths.Models).TypingChecksPerSession);

    [Fact]
    public void An_earlier_session_refines_the_profile_with_its_checks_unless_typing_alone_flags_it()
    {
        var user = EnrolledUserTypingAs("s002");
        var lenient = new FusionOptions { TypingMismatchEvidence = -1000 };
        var strict = new FusionOptions { TypingMismatchEvidence = 1000 };

        var refined = user.AfterEarlierSession(Verifier.Value, lenient, user.User);
        var unrefined = user.AfterEarlierSession(Verifier.Value, strict, user.User);

        Assert.True(refined.Typing.IsRefined);
        Assert.Equal(ChimericUsers.EnrollmentTypings + lenient.TypingChecksPerSession, refined.Typing.SampleCount);
        Assert.Equal(ChimericUsers.EnrollmentTypings, refined.Typing.EnrollmentCount);
        Assert.Same(user, unrefined);
        Assert.False(unrefined.Typing.IsRefined);
    }

    [Fact]
    public void Over_every_CMU_subject_an_impostors_earlier_session_refines_about_the_share_of_profiles_the_fit_states_and_the_learners_own_nearly_all()
    {
        var fitted = ShippedOptions();
        var flagOnly = fitted.WithTypingRefinementEvidence(double.NegativeInfinity);

        var (own, impostor) = RefinedProfiles(fitted);
        var (ownFlagOnly, impostorFlagOnly) = RefinedProfiles(flagOnly);

        // The shipped level is the highest at which 95% of the learners' own sessions refine (none reaches it for an
        // enrollment profile, so 0); at it the fit states that 20.4% of one-typist impostor sessions refine too
        // (models/session-score-models.json). Measured here: own 48 of 51, impostors 14; the flag alone gives the
        // same. At a true 20.4%, 18 or more of 51 happens about 1% of the time.
        var message = $"fitted level: own {own}, impostor {impostor}; flag alone: own {ownFlagOnly}, impostor {impostorFlagOnly}";
        Assert.True(impostor <= 17, message);
        Assert.True(own >= 44, message);
        Assert.True(impostor <= impostorFlagOnly && own <= ownFlagOnly, message);
    }

    [Fact]
    public void The_fits_simulated_impostor_sessions_refine_profiles_about_as_often_as_one_impostor_typing_a_whole_earlier_session()
    {
        // The fit chooses and states the refinement level from simulated sessions; when it drew each check of an
        // impostor session from a different subject it said 4.8% would refine, while 14 of these 51 impostors did; it
        // says 20.4% now.
        var fitted = ShippedOptions();
        var scores = TypingScoreCollection.Collect(Cmu.Value, Verifier.Value, 10, 17);
        var simulated = SessionEvidenceSimulation.TypingSessions(fitted, scores.Impostor, fitted.TypingChecksPerSession, 2, 18);
        var stated = simulated.Count(s => s.RefinableEvidence >= fitted.TypingRefinementEvidence) / (double)simulated.Count;

        var (_, impostor) = RefinedProfiles(fitted);

        var chance = Binomial.AtLeast(impostor, 51, stated);
        Assert.True(chance >= 0.01, $"{impostor} of 51 impostors refined the profile; the simulation says {stated:P1} would (chance of at least as many {chance:G2})");
    }

    private static FusionOptions ShippedOptions()
    {
        var fitted = new FusionOptions();
        fitted.Apply(SessionScoreModels.Load(RepositoryPaths.Models));
        return fitted;
    }

    /// <summary>Each CMU subject's profile after an earlier session typed by the subject and by the next subject (someone who sits the assessments for them).</summary>
    private static (int Own, int Impostor) RefinedProfiles(FusionOptions options)
    {
        var subjects = Cmu.Value.Select(r => r.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var users = subjects.Select(EnrolledUserTypingAs).ToList();
        int Refined(Func<int, ChimericUser> typist) =>
            users.Select((user, i) => user.AfterEarlierSession(Verifier.Value, options, typist(i))).Count(u => u.Typing.IsRefined);
        return (Refined(i => users[i].User), Refined(i => users[(i + 1) % users.Count].User));
    }

    private static EnrolledUser EnrolledUserTypingAs(string subject)
    {
        var rows = Cmu.Value.Where(r => r.Subject == subject).OrderBy(r => r.SessionIndex).ThenBy(r => r.Rep).ToList();
        var user = new ChimericUser(
            0, "someone", [], subject,
            [.. rows.Where(r => r.SessionIndex == 1).Take(ChimericUsers.EnrollmentTypings)],
            [.. rows.Where(r => r.SessionIndex >= ChimericUsers.FirstSessionTypingSession)],
            [.. rows.Where(r => r.SessionIndex == ChimericUsers.EarlierSessionTypingSession)]);
        var embedding = Enumerable.Range(0, 512).Select(i => (float)Math.Sin(i)).ToArray();
        var typing = KeystrokeProfile.Build(CmuKeystrokeData.Phrase, [.. user.EnrollmentTypings.Select(ReplayedTyping.Sample)]);
        return new EnrolledUser(user, FaceTemplate.Create([embedding, embedding, embedding]), typing, 1, []);
    }
}
