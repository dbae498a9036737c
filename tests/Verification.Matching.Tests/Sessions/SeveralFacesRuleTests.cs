using Verification.Research.Sessions;
using Verification.Research.Sessions.SeveralFaces;
using Verification.Matching.Tests.Face;
using Verification.Testing;

namespace Verification.Matching.Tests.Sessions;

/// <summary>
/// The configured several-faces rule over populations (docs/evaluation/several-faces.md): the second persons over the
/// learner's shoulder that the gate caught without second-face limits stay caught, and no more LFW photos fire. A seed
/// other than the one the rule was chosen with, so the test does not replay the choice.
/// </summary>
public sealed class SeveralFacesRuleTests(FaceEngineFixture fixture) : IClassFixture<FaceEngineFixture>
{
    private const int Seed = 29;

    [Fact]
    public void The_configured_rule_keeps_the_second_persons_the_gate_caught_without_it_and_never_fires_more()
    {
        var lfw = Path.Combine(SharedData.RequireDirectory("."), "face", "lfw");
        var study = new SeveralFacesStudy(fixture.Engine, Seed);
        var background = study.Photos(lfw, 500).Select(study.Background).ToList();
        var composites = Enumerable.Range(0, 150).Select(i => study.Composite(i, background)).OfType<SecondFaceSample>().ToList();
        var session = fixture.Options.Session;

        var without = SecondFaceRule.Measure(0, 0, session, background, composites);
        var configured = SecondFaceRule.Measure(session.SecondFaceMinRelativeWidth, session.SecondFaceMinScore, session, background, composites);

        Assert.True(composites.Count >= 120, $"{composites.Count} composites built of 150");
        Assert.True(without.CompositesCaught.Count >= 60, $"composites caught without limits {without.CompositesCaught}");
        Assert.True(configured.CompositesCaught.Count >= 0.97 * without.CompositesCaught.Count, $"without {without.CompositesCaught}, configured {configured.CompositesCaught}");
        Assert.True(configured.BackgroundFiring.Count <= without.BackgroundFiring.Count, $"background without {without.BackgroundFiring}, configured {configured.BackgroundFiring}");
    }

    [Fact]
    public void A_rule_with_strict_limits_loses_second_persons_so_the_measure_can_tell_rules_apart()
    {
        var lfw = Path.Combine(SharedData.RequireDirectory("."), "face", "lfw");
        var study = new SeveralFacesStudy(fixture.Engine, Seed);
        var background = study.Photos(lfw, 300).Select(study.Background).ToList();
        var composites = Enumerable.Range(0, 60).Select(i => study.Composite(i, background)).OfType<SecondFaceSample>().ToList();

        var without = SecondFaceRule.Measure(0, 0, fixture.Options.Session, background, composites);
        var strict = SecondFaceRule.Measure(0.9f, 0.95f, fixture.Options.Session, background, composites);

        Assert.True(strict.CompositesCaught.Count < without.CompositesCaught.Count, $"without {without.CompositesCaught}, strict {strict.CompositesCaught}");
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
}
