namespace Verification.Matching.Keystroke.FreeText;

/// <summary>One key press as the player sends it: the key's class and its down and up times in ms on the page's monotonic clock.</summary>
public readonly record struct ClassKeystroke(int KeyClass, double DownMs, double UpMs);
