using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Verification.Matching.Face;

namespace Verification.Proctoring.Tests.Support;

/// <summary>Checks a kept enrollment picture with the real face models: a small JPEG of the enrolled person, not of anyone else.</summary>
public static class EnrolledFaceAssert
{
    public static void IsTheEnrolledPerson(ProctoringApp app, byte[] jpeg, FaceSet enrolled)
    {
        var engine = app.Factory.Services.GetRequiredService<FaceEngine>();
        var options = app.Factory.Services.GetRequiredService<FaceOptions>();
        using (var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color))
        {
            Assert.False(decoded.Empty(), "the picture is not an image");
            Assert.InRange(Math.Max(decoded.Width, decoded.Height), 64, Verification.Proctoring.Identity.EnrollmentFaces.Side);
        }

        var crop = engine.Analyze(jpeg, options.Session);
        var same = engine.Analyze(enrolled.SessionFrames[0], options.Session);
        var other = engine.Analyze(FaceSet.Impostor.SessionFrames[0], options.Session);
        Assert.Equal(1, crop.FacesFound);
        Assert.NotNull(crop.Embedding);
        Assert.True(FaceEngine.Similarity(crop.Embedding, same.Embedding) >= options.MatchThreshold, "the picture does not match the enrolled person");
        Assert.True(FaceEngine.Similarity(crop.Embedding, other.Embedding) < options.MatchThreshold, "the picture matches another person");
    }
}
