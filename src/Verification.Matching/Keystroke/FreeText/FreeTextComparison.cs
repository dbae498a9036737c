namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// Typing compared with a free-text profile: <see cref="Distance"/> is the mean difference of the shared timings in the
/// profile's own spreads (higher is less alike; NaN when nothing was shared), over <see cref="Keystrokes"/> key presses
/// and <see cref="TimingsCompared"/> timings.
/// </summary>
public sealed record FreeTextComparison(double Distance, int Keystrokes, int TimingsCompared)
{
    public bool IsComparable => TimingsCompared > 0 && double.IsFinite(Distance);
}
