namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// The coarse class of a physical key, the only thing about a key that leaves the browser for free-text typing.
/// Five classes: the left-hand and right-hand halves of the main block (touch-typing hand of the key), the space bar,
/// the edit keys (Backspace, Delete) and everything else. A class stands for 1 (space), 2 (edit) or 15 to 26 keys, so
/// the characters typed cannot be read back; what remains visible is said in docs/privacy.md.
/// </summary>
public enum KeyClass
{
    LeftHand = 0,
    RightHand = 1,
    Space = 2,
    Edit = 3,
    Other = 4,
}
