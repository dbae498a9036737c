using Verification.Matching.Face;

namespace Verification.Research.Sessions.SeveralFaces;

/// <summary>
/// The several-faces characterisation (<c>verification evaluate several-faces</c>): the second faces in plain LFW photos
/// (press photos, people in the background) against a second person pasted over the learner's shoulder in webcam-sized
/// composites. Both go through the engine's own detector and face count; deterministic for a seed.
/// </summary>
public sealed class SeveralFacesStudy(FaceEngine engine, int seed)
{
    // Only detection and the framing gates matter here; the other models would only slow the study.
    private const AnalysisScope DetectionOnly = 0;

    /// <summary>The photos studied: <paramref name="count"/> LFW photos in a seeded order (all when there are fewer).</summary>
    public IReadOnlyList<string> Photos(string lfwFolder, int count)
    {
        var random = new Random(seed);
        return [.. Directory.EnumerateFiles(lfwFolder, "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).OrderBy(_ => random.Next()).Take(count)];
    }

    public SecondFaceSample Background(string photo)
    {
        var analysis = engine.Analyze(File.ReadAllBytes(photo), engine.Options.Session, DetectionOnly);
        return new SecondFaceSample(photo, null, DetectedFaces.Of(analysis), null);
    }

    /// <summary>
    /// Composite <paramref name="index"/>: a learner photo with exactly one face, another person's face from a different
    /// identity, a seeded placement and the style <paramref name="index"/> mod 3. Null when the webcam-sized base frame
    /// itself does not show exactly one face (the composite would not measure the pasted face alone).
    /// </summary>
    public SecondFaceSample? Composite(int index, IReadOnlyList<SecondFaceSample> background)
    {
        ArgumentNullException.ThrowIfNull(background);
        var random = new Random(unchecked((seed * 7919) + index) & int.MaxValue);
        var alone = background.Where(b => b.Faces is { Others.Count: 0 }).ToList();
        var learner = alone[random.Next(alone.Count)];
        var identity = Path.GetDirectoryName(learner.Photo);
        var donors = alone.Where(b => Path.GetDirectoryName(b.Photo) != identity).ToList();
        var donor = donors[random.Next(donors.Count)];
        var style = (OverShoulderStyle)(index % 3);
        var placement = OverShoulderPlacement.Draw(random, style);

        var learnerPhoto = File.ReadAllBytes(learner.Photo);
        var baseAnalysis = engine.Analyze(OverShoulderComposite.Base(learnerPhoto), engine.Options.Session, DetectionOnly);
        if (baseAnalysis.Face is not { } learnerFace || baseAnalysis.OtherFaces.Count > 0)
        {
            return null;
        }

        var (jpeg, pasted) = OverShoulderComposite.Compose(learnerPhoto, learnerFace, File.ReadAllBytes(donor.Photo), donor.Faces!.Selected, placement);
        var faces = DetectedFaces.Of(engine.Analyze(jpeg, engine.Options.Session, DetectionOnly));
        FaceBox? detected = null;
        if (faces is not null)
        {
            // The pasted face is the detected box that overlaps the pasted square most (the selected face may be it).
            var candidates = faces.Others.Append(faces.Selected).Where(f => OverShoulderComposite.Overlap(f, learnerFace) < 0.5f);
            var best = candidates.Select(f => (Face: f, Overlap: OverShoulderComposite.Overlap(f, pasted))).Where(c => c.Overlap >= 0.25f).OrderByDescending(c => c.Overlap).FirstOrDefault();
            detected = best.Overlap > 0 ? best.Face : null;
        }

        return new SecondFaceSample(learner.Photo, placement, faces, detected);
    }
}
