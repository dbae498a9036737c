namespace Verification.Matching.Face.Detection;

/// <summary>Picks the face to analyse when a frame holds several.</summary>
internal static class FaceSelector
{
    public static FaceBox Select(ReadOnlySpan<FaceBox> faces, FaceSelection selection, int width, int height)
    {
        var best = 0;
        var bestValue = float.MinValue;
        for (var i = 0; i < faces.Length; i++)
        {
            var value = selection == FaceSelection.Largest ? faces[i].Area : -CentreDistance(faces[i], width, height);
            if (value > bestValue)
            {
                bestValue = value;
                best = i;
            }
        }

        return faces[best];
    }

    public static int CountAtLeast(ReadOnlySpan<FaceBox> faces, float minSide)
    {
        var count = 0;
        foreach (var face in faces)
        {
            if (face.Height >= minSide)
            {
                count++;
            }
        }

        return count;
    }

    private static float CentreDistance(in FaceBox face, int width, int height)
    {
        var dx = ((face.X1 + face.X2) / 2) - (width / 2f);
        var dy = ((face.Y1 + face.Y2) / 2) - (height / 2f);
        return (dx * dx) + (dy * dy);
    }
}
