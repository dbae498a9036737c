namespace Verification.Matching.Keystroke;

/// <summary>Bounds beyond which a sample is not honest typing of the phrase, or not worth scoring.</summary>
internal static class KeystrokeLimits
{
    /// <summary>Browsers start auto-repeat after about 500 ms; a phrase key held 3 s is a stuck key or a distracted learner.</summary>
    public const double MaxHoldMs = 3_000;

    /// <summary>
    /// A learner may stop to think mid-phrase (the CMU data has an honest 26 s pause); a minute or more means the
    /// learner left, and the sample says nothing about their rhythm.
    /// </summary>
    public const double MaxPauseMs = 60_000;

    /// <summary>Two events per key plus Shift pairs for capitals leaves room; more is noise or an attack on the parser.</summary>
    public static int MaxEvents(int phraseLength) => (6 * phraseLength) + 32;

    /// <summary>The production phrase with a long name is under 200 characters; this bounds the work of one sample.</summary>
    public const int MaxPhraseLength = 512;
}
