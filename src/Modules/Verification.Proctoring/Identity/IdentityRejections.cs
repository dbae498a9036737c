namespace Verification.Proctoring.Identity;

/// <summary>Enrollment refusals of the module's own (the face and keystroke cores name theirs).</summary>
internal static class IdentityRejections
{
    public const string IdPhotoMismatch = "id_photo_mismatch";

    public const string IdPhotoMismatchMessage =
        "The face on your ID does not match the face in your webcam pictures. Photograph your own photo ID close up, in good light and without glare, so that the portrait is clearly visible.";

    public const string TypingSampleUnusable = "typing_sample_unusable";

    public const string FaceFramesFirst = "face_frames_first";
}
