using Verification.Research.Sessions;
using Verification.Research.Sessions.SeveralFaces;
using Verification.Matching.Tests.Face;
using Verification.Testing;

namespace Verification.Matching.Tests.Sessions;

/// <summary>
/// The configured several-faces rule over populations (docs/evaluation/several-faces.md): a second person over the
/// learner's shoulder stays caught while fewer LFW photos (people in the background) fire. A seed other than the one
/// the rule was chosen with, so the test does not replay the choice.
/// </summary>
public sealed class SeveralFacesRuleTests(FaceEngineFixture fixture) : IClassFixture<FaceEngineFixture>
{
    private const int Seed = 29;

    [Fact]
    public void The_configured_rule_keeps_second_persons_caught_and_background_faces_mostly_not()
    {
        var lfw = Path.Combine(SharedData.RequireDirectory("."), "face", "lfw");
        var study = new SeveralFacesStudy(fixture.Engine, Seed);
        var background = study.Photos(lfw, 500).Select(study.Background).ToList();
        var composites = Enumerable.Range(0, 150).Select(i => study.Composite(i, background)).OfType<SecondFaceSample>().ToList();
        var session = fixture.Options.Session;

        var before = SecondFaceRule.Measure(0, 0, session, background, composites);
        var configured = SecondFaceRule.Measure(session.SecondFaceMinRelativeWidth, session.SecondFaceMinScore, session, background, composites);

        Assert.True(composites.Count >= 120, $"{composites.Count} composites built of 150");
        Assert.True(configured.CompositesCaught.Low >= CompositesCaughtLowerBound, $"composites caught {configured.CompositesCaught}");
        Assert.True(configured.CompositesCaught.Count >= before.CompositesCaught.Count - 2, $"before {before.CompositesCaught}, configured {configured.CompositesCaught}");
        Assert.True(configured.BackgroundFiring.Count < before.BackgroundFiring.Count, $"background before {before.BackgroundFiring}, configured {configured.BackgroundFiring}");
        Assert.True(configured.BackgroundFiring.High <= BackgroundFiringUpperBound, $"background firing {configured.BackgroundFiring}");
    }

    [Fact]
    public void A_composite_pastes_the_second_face_where_its_placement_says()
    {
        var lfw = Path.Combine(SharedData.RequireDirectory("."), "face", "lfw");
        var study = new SeveralFacesStudy(fixture.Engine, Seed);
        var background = study.Photos(lfw, 200).Select(study.Background).ToList();
        var composites = Enumerable.Range(0, 30).Select(i => study.Composite(i, background)).OfType<SecondFaceSample>().ToList();
        var plain = composites.Where(c => c.Placement!.Style == OverShoulderStyle.Plain && c.PastedDetected is not null).ToList();

        Assert.NotEmpty(plain);
        Assert.All(plain, c => Assert.InRange(c.RelativeWidth!.Value, 0.25, 1.4));
    }

    private const double CompositesCaughtLowerBound = 0.85;
    private const double BackgroundFiringUpperBound = 0.05;
}
