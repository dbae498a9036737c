using OpenCvSharp;
using CvScalar = OpenCvSharp.Scalar;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Contracts.Player;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// One person for session scenarios: LFW photos (the first five enroll, as <see cref="Enrollments.UploadEverythingAsync"/>
/// uses them; the rest are the session's webcam frames) and a CMU typist, enrolled on practised repetitions and checked
/// on later ones. The impostor typist is s005, the first other subject in subject order; the typing scenario sends as many
/// checks as models/session-score-models.json was fitted for (docs/evaluation/sessions.md).
/// </summary>
public sealed class FaceSet
{
    public const int EnrollmentTypingSkip = 150;
    private const int SessionTypingSkip = 200;

    private FaceSet(string person, int photos, string typist)
    {
        Person = person;
        SessionFrames = FaceImages.Of(person, photos).Skip(5).ToList();
        Typist = typist;
    }

    public static FaceSet Enrolled => new(Enrollments.Person, 13, Enrollments.Typist);

    public static FaceSet Impostor => new("Tony_Blair", 14, "s005");

    public string Person { get; }

    public IReadOnlyList<byte[]> SessionFrames { get; }

    public string Typist { get; }

    /// <summary>The typist's <paramref name="index"/>-th typing check, after the enrollment repetitions, as a hub batch.</summary>
    public KeystrokeBatch TypingCheck(int index) => TypingCheckOf(Typist, index);

    /// <summary>Typing check <paramref name="index"/> of any CMU subject, from the same repetitions as a set's own checks.</summary>
    public static KeystrokeBatch TypingCheckOf(string typist, int index) => ToBatch(CheckEvents(typist, index));

    public static IReadOnlyList<RawKeyEvent> CheckEvents(string typist, int index) => CmuTyping.Samples(typist, 1, SessionTypingSkip + index)[0];

    public static byte[] BlackFrame()
    {
        using var black = new Mat(480, 640, MatType.CV_8UC3, CvScalar.All(0));
        return black.ImEncode(".jpg");
    }

    private static KeystrokeBatch ToBatch(IReadOnlyList<RawKeyEvent> events) => new()
    {
        Events = [.. events.Select(e => new KeyEventDto { Type = e.Type, Key = e.Key, Code = e.Code, TimeStamp = e.TimeStamp, Repeat = e.Repeat })],
    };
}
