using Verification.Matching.Face;
using Verification.Matching.Frames;

namespace Verification.Matching.Fusion;

/// <summary>
/// Turns the face engine's analysis of one session frame into what the session evidence observes. The service and the
/// offline session simulator (<c>verification evaluate sessions</c>) both go through here, so what is measured is what runs.
/// </summary>
public static class SessionFrames
{
    /// <summary>The file could not be read as an image: the frame is accounted for, not observed.</summary>
    public static bool IsUnreadable(FaceAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var code = analysis.Rejection?.Code;
        return code is not null && (code.StartsWith("image_", StringComparison.Ordinal) || code == FaceRejections.NotAnImage.Code);
    }

    public static FrameObservation Observe(int frame, FaceAnalysis analysis, FaceTemplate template, ReadOnlySpan<byte> image, bool frozen, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(template);
        // The engine embeds the main face; small faces far in the background (a poster, a passer-by) count only when the
        // session gate calls them "several faces", which uses the same minimum face size as the learner's own face.
        double? score = analysis.Embedding is { } embedding ? template.Score(embedding) : null;
        var faces = FacesCounted(analysis);
        double? brightness = analysis.Quality?.Brightness ?? (faces == 0 && !IsUnreadable(analysis) ? FrameBrightness.Measure(image) : null);
        return new FrameObservation(frame, faces, score, analysis.Liveness, brightness, frozen, at);
    }

    public static int FacesCounted(FaceAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.FacesFound == 0 ? 0 : analysis.Rejection?.Code == FaceRejections.SeveralFaces.Code ? 2 : 1;
    }
}
