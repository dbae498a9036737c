using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>One sentence of the Aalto 136M Keystrokes data: what was shown, what was submitted, and its key events.</summary>
internal sealed record AaltoSentence(int Participant, int Section, string Sentence, string UserInput, IReadOnlyList<RawKeyEvent> Events);
