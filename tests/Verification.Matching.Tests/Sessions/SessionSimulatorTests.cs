using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Matching.Tests.Face;
using Verification.Research.Keystroke;
using Verification.Research.Sessions;
using Verification.Testing;

namespace Verification.Matching.Tests.Sessions;

public sealed class SessionSimulatorTests(FaceEngineFixture fixture) : IClassFixture<FaceEngineFixture>
{
    private const int Users = 3;
    private const int Seed = 17;

    [Fact]
    public void Replaying_the_same_users_twice_gives_the_same_sessions()
    {
        var first = Replay();
        var second = Replay();

        Assert.Equal(Users * Enum.GetValues<SessionKind>().Length, first.Count);
        Assert.Equal(first.Select(Describe), second.Select(Describe));
    }

    [Fact]
    public void Impostor_frames_score_below_the_learners_own_frames_through_the_session_path()
    {
        var outcomes = Replay().Where(o => o.Kind == SessionKind.FaceImpostor).ToList();

        Assert.True(outcomes.SelectMany(o => o.OtherFaceScores).Average() < outcomes.SelectMany(o => o.OwnFaceScores).Average());
    }

    private List<SessionOutcome> Replay()
    {
        var data = SharedData.RequireDirectory(".");
        var identities = ChimericUsers.Identities(Path.Combine(data, "face", "lfw"), Seed).Take(3 * Users).ToList();
        var library = new FrameLibrary(fixture.Engine, new FrameDegradation());
        foreach (var photo in identities.SelectMany(i => i.Photos))
        {
            library.Need(photo, FrameVariant.Enrollment);
            library.Need(photo, FrameVariant.Session);
            library.Need(photo, FrameVariant.SessionDegraded);
        }

        var first = library.Prepare();
        for (var i = first; i < library.Count; i++)
        {
            library.Analyse(i);
        }

        var cmu = CmuKeystrokeData.Load(Path.Combine(data, "keystroke", CmuKeystrokeData.FileName));
        var users = ChimericUsers.Build(identities, cmu, Users, Seed, photos => EnrolledUser.CanEnroll(photos, library));
        var enrolled = users.Select(u => EnrolledUser.Enroll(u, library)).ToList();
        var verifier = KeystrokeVerifier.Load(Path.Combine(RepositoryPaths.Models, "keystroke"), new KeystrokeOptions());
        var simulator = new SessionSimulator(library, verifier, new FusionOptions(), new SessionSetup(6, 2, 4, TimeSpan.FromSeconds(20)));
        var outcomes = new List<SessionOutcome>();
        for (var i = 0; i < enrolled.Count; i++)
        {
            foreach (var kind in Enum.GetValues<SessionKind>())
            {
                outcomes.Add(simulator.Run(enrolled[i], enrolled[(i + 1) % enrolled.Count], kind, (i * 10) + (int)kind));
            }
        }

        return outcomes;
    }

    private static string Describe(SessionOutcome o) =>
        $"{o.User} {o.Kind} {o.Verdict} {string.Join('+', o.Flags)} {o.FirstFlagAfterSwap} {o.TypingMismatchAtCheck} {string.Join(',', o.OwnFaceScores)} {string.Join(',', o.OtherFaceScores)} {string.Join(',', o.TypingLlrs)}";
}
