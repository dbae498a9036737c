namespace Verification.Matching.Keystroke;

/// <summary>
/// Turns the browser's keydown/keyup events for one typing of a phrase into a <see cref="KeystrokeSample"/>,
/// or into a rejection the learner can act on. It never throws for bad input.
/// </summary>
/// <remarks>
/// <para><b>Typos are rejected, not aligned.</b> Every feature is tied to a phrase position and compared with the
/// same position in the enrollment samples. A typo inserts or drops a key, and the keys around it are typed in a
/// different rhythm (people slow down on noticing an error), so an aligned sample would carry distorted timings
/// into the score and raise false rejects for honest learners. Retyping the phrase costs a few seconds, and a
/// strict reader also stops partial or pasted text from being scored. The same reasoning rejects Backspace,
/// Delete and cursor movement.</para>
/// <para><b>Modifiers are not phrase keys.</b> Shift, Caps Lock and AltGr only choose which character a key gives;
/// the character's key carries the timing, as in the CMU benchmark, where <c>Shift.r</c> is the hold of R.
/// Their events must still pair up, but they add no features and may overlap anything. Letters compare
/// ignoring case (see <see cref="PhraseKeys.Matches"/>). Control, Alt (without Control, i.e. not AltGr)
/// and Meta held under a character key are shortcuts (paste, select all) and reject the sample.</para>
/// <para><b>Rollover is normal.</b> Fast typists press the next key before releasing the previous one; key-ups are
/// paired to key-downs by <c>code</c>, so overlapping keys give a negative up-down time, as in the CMU data.</para>
/// </remarks>
public static class KeystrokeSampleReader
{
    public static KeystrokeSampleResult Read(string phrase, IReadOnlyList<RawKeyEvent> events)
    {
        var keys = PhraseKeys.Parse(phrase);
        if (keys is null)
        {
            return Reject(KeystrokeRejectionCodes.PhraseInvalid);
        }

        if (events is null || events.Count == 0)
        {
            return Reject(KeystrokeRejectionCodes.Empty);
        }

        if (events.Count > KeystrokeLimits.MaxEvents(keys.Count))
        {
            return Reject(KeystrokeRejectionCodes.TooManyEvents);
        }

        var problem = EventSequenceCheck.Find(events);
        if (problem is not null)
        {
            return Reject(problem);
        }

        return new KeyTimeline(keys).Replay(events, phrase);
    }

    internal static KeystrokeSampleResult Reject(string code) =>
        KeystrokeSampleResult.Reject(KeystrokeRejectionCodes.Rejection(code));
}
