using Verification.Matching.Face;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>A chimeric user after enrollment: the face template and typing profile the service would store, and what is left for sessions.</summary>
public sealed record EnrolledUser(ChimericUser User, FaceTemplate Face, KeystrokeProfile Typing, double IdPhotoScore, IReadOnlyList<string> SessionPhotos)
{
    public const int EnrollmentFrames = 3;

    /// <summary>
    /// Enrolls as a learner would: photos the enrollment gates refuse are retaken (the next photo), the first three
    /// accepted make the template, the next photo is the ID photo (scored, as the service scores it), the rest are session frames.
    /// </summary>
    public static EnrolledUser Enroll(ChimericUser user, FrameLibrary library)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(library);
        var (embeddings, idPhoto) = AcceptedFrames(user.Photos, library);
        if (embeddings.Count < EnrollmentFrames || user.Photos.Count - idPhoto - 1 < 2)
        {
            throw new InvalidOperationException($"{user.Identity} cannot enroll; choose users with CanEnroll.");
        }

        var template = FaceTemplate.Create(embeddings);
        var idEmbedding = library.Get(user.Photos[idPhoto], FrameVariant.Enrollment).Analysis.Embedding;
        var samples = user.EnrollmentTypings.Select(ReplayedTyping.Sample).ToList();
        var typing = KeystrokeProfile.Build(CmuKeystrokeData.Phrase, samples);
        return new EnrolledUser(user, template, typing, idEmbedding is null ? double.NaN : template.Score(idEmbedding), [.. user.Photos.Skip(idPhoto + 1)]);
    }

    /// <summary>
    /// The user after one earlier assessment, as far as typing goes: its checks (the first
    /// <see cref="FusionOptions.TypingChecksPerSession"/> of <paramref name="typist"/>'s
    /// <see cref="ChimericUser.EarlierSessionTypings"/>: the learner's own, or an impostor's who typed for them) are judged
    /// against the enrollment profile with the session's typing rule, and refine the profile when the service would after a
    /// Verified session (<see cref="SessionEvidence.TypingRefinesProfile"/>). The earlier session's frames are not
    /// replayed: its face is taken to have passed, so this shows what refinement does to typing, not how often it happens.
    /// </summary>
    public EnrolledUser AfterEarlierSession(KeystrokeVerifier verifier, FusionOptions fusion, ChimericUser typist)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(fusion);
        ArgumentNullException.ThrowIfNull(typist);
        var evidence = new SessionEvidence(fusion.ForTypingProfile(Typing.IsRefined));
        var samples = typist.EarlierSessionTypings.Take(fusion.TypingChecksPerSession).Select(ReplayedTyping.Sample).ToList();
        for (var i = 0; i < samples.Count; i++)
        {
            evidence.ObserveTyping(i + 1, verifier.Score(Typing, samples[i]).LogLikelihoodRatio);
        }

        return evidence.TypingRefinesProfile ? this with { Typing = Typing.Refine(samples) } : this;
    }

    /// <summary>Three photos pass the enrollment gates and an ID photo and two session photos are left after them.</summary>
    public static bool CanEnroll(IReadOnlyList<string> photos, FrameLibrary library)
    {
        var (embeddings, idPhoto) = AcceptedFrames(photos, library);
        return embeddings.Count == EnrollmentFrames && photos.Count - idPhoto - 1 >= 2;
    }

    /// <summary>The enrollment photos, the learner retaking (the next photo) whenever the gates refuse one, and where the ID photo is.</summary>
    internal static (List<float[]> Embeddings, int IdPhoto) AcceptedFrames(IReadOnlyList<string> photos, FrameLibrary library)
    {
        var embeddings = new List<float[]>(EnrollmentFrames);
        var next = 0;
        for (; next < photos.Count && embeddings.Count < EnrollmentFrames; next++)
        {
            var analysis = library.Get(photos[next], FrameVariant.Enrollment).Analysis;
            if (analysis.Accepted && analysis.Embedding is { } embedding)
            {
                embeddings.Add(embedding);
            }
        }

        return (embeddings, next);
    }
}
