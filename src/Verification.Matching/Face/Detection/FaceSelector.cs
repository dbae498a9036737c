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

    /// <summary>
    /// Faces of at least the gate's minimum side, counting another face only when it is large beside the selected one and
    /// the detector is sure enough of it (<see cref="QualityGateSettings.SecondFaceMinRelativeWidth"/>, <see cref="QualityGateSettings.SecondFaceMinScore"/>).
    /// </summary>
    public static int CountCounted(ReadOnlySpan<FaceBox> faces, in FaceBox selected, QualityGateSettings gates)
    {
        var count = 0;
        foreach (var face in faces)
        {
            if (face.Height < gates.MinFaceSide)
            {
                continue;
            }

            var isSelected = face == selected;
            if (isSelected || (face.Width >= gates.SecondFaceMinRelativeWidth * selected.Width && face.Score >= gates.SecondFaceMinScore))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Every face but the selected one, for reports that characterise second faces.</summary>
    public static FaceBox[] Others(ReadOnlySpan<FaceBox> faces, in FaceBox selected)
    {
        var others = new List<FaceBox>(faces.Length);
        foreach (var face in faces)
        {
            if (face != selected)
            {
                others.Add(face);
            }
        }

        return [.. others];
    }

    private static float CentreDistance(in FaceBox face, int width, int height)
    {
        var dx = ((face.X1 + face.X2) / 2) - (width / 2f);
        var dy = ((face.Y1 + face.Y2) / 2) - (height / 2f);
        return (dx * dx) + (dy * dy);
    }
}
