namespace Verification.Matching.Face;

/// <summary>
/// Every reason a frame can be refused. Codes are stable API (clients switch on them); messages speak to the learner.
/// </summary>
public static class FaceRejections
{
    public static FaceRejection ImageEmpty { get; } = new(
        "image_empty", "No picture arrived. Check that your camera is on and try again.");

    public static FaceRejection ImageTooLarge { get; } = new(
        "image_too_large", "The picture file is too large. Send a smaller photo, for example a normal webcam snapshot.");

    public static FaceRejection ImageDimensionsTooLarge { get; } = new(
        "image_dimensions_too_large", "The picture has too many pixels. Send a photo of at most a few megapixels.");

    public static FaceRejection ImageBitDepthUnsupported { get; } = new(
        "image_bit_depth_unsupported", "The picture uses more than 8 bits per colour. Send an ordinary JPEG or PNG photo from a camera.");

    public static FaceRejection ImageCorrupt { get; } = new(
        "image_corrupt", "The picture could not be read. Take a new photo and try again.");

    public static FaceRejection ImageTruncated { get; } = new(
        "image_truncated", "The picture arrived incomplete. Check your connection and try again.");

    public static FaceRejection NotAnImage { get; } = new(
        "not_an_image", "The file is not a JPEG or PNG picture. Send a JPEG or PNG photo.");

    public static FaceRejection NoFace { get; } = new(
        "no_face", "We could not see a face. Sit facing the camera with your whole face in the picture.");

    public static FaceRejection SeveralFaces { get; } = new(
        "several_faces", "More than one face is in the picture. Make sure you are alone in front of the camera.");

    public static FaceRejection FaceTooSmall { get; } = new(
        "face_too_small", "Your face is too small in the picture. Move closer to the camera.");

    public static FaceRejection TooDark { get; } = new(
        "too_dark", "The picture is too dark. Turn on a light in front of you or face a window.");

    public static FaceRejection TooBright { get; } = new(
        "too_bright", "The picture is too bright. Move away from strong light or turn it down.");

    public static FaceRejection Blurred { get; } = new(
        "blurred", "The picture is blurred. Hold still, wipe the camera lens and let it focus.");

    public static FaceRejection TurnedAway { get; } = new(
        "turned_away", "Your head is turned away. Look straight at the camera.");

    public static FaceRejection EyesClosed { get; } = new(
        "eyes_closed", "Your eyes seem to be closed. Keep your eyes open and look at the camera.");

    /// <summary>Every code above: the 422 answers a picture upload can give.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        ImageEmpty.Code, ImageTooLarge.Code, ImageDimensionsTooLarge.Code, ImageBitDepthUnsupported.Code, ImageCorrupt.Code,
        ImageTruncated.Code, NotAnImage.Code, NoFace.Code, SeveralFaces.Code, FaceTooSmall.Code, TooDark.Code, TooBright.Code,
        Blurred.Code, TurnedAway.Code, EyesClosed.Code,
    ];
}
