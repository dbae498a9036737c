using Verification.Matching.Face;
using Verification.Matching.Fusion;

namespace Verification.Research.Sessions.Fitting;

/// <summary>Face scores seen through the service's own frame path, for fitting the fusion's face score model.</summary>
public sealed record FaceScores(int Identities, IReadOnlyList<double> Genuine, IReadOnlyList<double> Impostor);

/// <summary>
/// Templates and session frames of LFW identities with 4 or 5 photos: never those <c>evaluate sessions</c> reports on,
/// which need <see cref="ChimericUsers.MinimumPhotos"/> or more. A template is made as at enrollment (the first three
/// photos the gates accept); the identity's other photos, plain and degraded, give genuine scores, and the other photos
/// of seeded other identities impostor scores, each as <see cref="SessionFrames.Observe"/> scores a session frame.
/// </summary>
public static class FaceScoreCollection
{
    public const int MinimumPhotos = EnrolledUser.EnrollmentFrames + 1;

    public static IReadOnlyList<(string Name, IReadOnlyList<string> Photos)> Identities(string lfwFolder, int seed) =>
        [.. ChimericUsers.Identities(lfwFolder, seed, MinimumPhotos).Where(i => i.Photos.Count < ChimericUsers.MinimumPhotos)];

    public static FaceScores Collect(IReadOnlyList<(string Name, IReadOnlyList<string> Photos)> identities, FrameLibrary library, int impostorIdentities, int seed)
    {
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(library);
        var enrolled = new List<(FaceTemplate Template, IReadOnlyList<string> SessionPhotos)>();
        foreach (var (_, photos) in identities)
        {
            var (embeddings, next) = EnrolledUser.AcceptedFrames(photos, library);
            if (embeddings.Count == EnrolledUser.EnrollmentFrames && next < photos.Count)
            {
                enrolled.Add((FaceTemplate.Create(embeddings), [.. photos.Skip(next)]));
            }
        }

        var random = new Random(seed);
        List<double> genuine = [], impostor = [];
        for (var i = 0; i < enrolled.Count; i++)
        {
            var template = enrolled[i].Template;
            genuine.AddRange(Scores(enrolled[i].SessionPhotos, template, library));
            for (var k = 0; k < impostorIdentities && enrolled.Count > 1; k++)
            {
                var other = (i + 1 + random.Next(enrolled.Count - 1)) % enrolled.Count;
                impostor.AddRange(Scores(enrolled[other].SessionPhotos, template, library));
            }
        }

        return new FaceScores(enrolled.Count, genuine, impostor);
    }

    /// <summary>The photos a fitting run must have analysed as session frames: everything after each identity's enrollment photos.</summary>
    public static IEnumerable<string> SessionPhotos(IReadOnlyList<(string Name, IReadOnlyList<string> Photos)> identities, FrameLibrary library) =>
        identities.SelectMany(i => i.Photos.Skip(EnrolledUser.AcceptedFrames(i.Photos, library).IdPhoto));

    private static IEnumerable<double> Scores(IReadOnlyList<string> photos, FaceTemplate template, FrameLibrary library)
    {
        foreach (var photo in photos)
        {
            foreach (var variant in (FrameVariant[])[FrameVariant.Session, FrameVariant.SessionDegraded])
            {
                var frame = library.Get(photo, variant);
                if (!SessionFrames.IsUnreadable(frame.Analysis)
                    && SessionFrames.Observe(1, frame.Analysis, template, frame.Image, false, null).MatchScore is { } score)
                {
                    yield return score;
                }
            }
        }
    }
}
