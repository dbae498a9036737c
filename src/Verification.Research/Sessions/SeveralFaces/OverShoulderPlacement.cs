namespace Verification.Research.Sessions.SeveralFaces;

/// <summary>How a second person is placed in a composite frame.</summary>
public enum OverShoulderStyle
{
    /// <summary>Beside the learner's head, fully visible.</summary>
    Plain,

    /// <summary>Partly behind the learner's head (the learner's face drawn over it) or cut by the frame edge.</summary>
    Occluded,

    /// <summary>Out of focus and darker: further back than the learner, where the webcam does not focus.</summary>
    Blurred,
}

/// <summary>
/// One second face: its width as a share of the learner's face width, its horizontal offset from the learner's face
/// centre in units of the two half-widths (1 = touching; below 1 they overlap), and its vertical offset in learner face
/// widths (negative = higher, as someone standing or leaning in behind).
/// </summary>
public sealed record OverShoulderPlacement(double RelativeWidth, int Side, double Spread, double Rise, OverShoulderStyle Style)
{
    public const double MinRelativeWidth = 0.4;
    public const double MaxRelativeWidth = 1.0;

    public static OverShoulderPlacement Draw(Random random, OverShoulderStyle style)
    {
        ArgumentNullException.ThrowIfNull(random);
        var relativeWidth = MinRelativeWidth + (random.NextDouble() * (MaxRelativeWidth - MinRelativeWidth));
        var side = random.Next(2) == 0 ? -1 : 1;
        var spread = style == OverShoulderStyle.Occluded ? 0.55 + (random.NextDouble() * 0.25) : 0.95 + (random.NextDouble() * 0.4);
        var rise = -0.5 + (random.NextDouble() * 0.6);
        return new OverShoulderPlacement(relativeWidth, side, spread, rise, style);
    }
}
