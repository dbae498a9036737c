using System.Text;

namespace Verification.Matching.Keystroke;

/// <summary>Replays ordered events, pairing key-ups with key-downs by physical key, and fills the phrase keys' times.</summary>
internal sealed class KeyTimeline(PhraseKeys keys)
{
    private readonly double[] _down = new double[keys.Count];
    private readonly double[] _up = new double[keys.Count];
    private readonly StringBuilder _text = new();
    private readonly List<(string Id, string Key, int Position, KeyKind Kind)> _pressed = [];
    private int _typed;
    private bool _anyDown;
    private bool _submitted;

    public KeystrokeSampleResult Replay(IReadOnlyList<RawKeyEvent> events, string phrase)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var code = e.Type == RawKeyEvent.Down ? OnDown(e) : OnUp(e);
            if (code == KeystrokeRejectionCodes.TextMismatch && CorrectedLater(events, i))
            {
                // A typo the learner then fixed: "no corrections" is the advice that helps, not "does not match".
                code = KeystrokeRejectionCodes.Correction;
            }

            if (code is not null)
            {
                return KeystrokeSampleReader.Reject(code);
            }
        }

        // The Enter that submits the form may lose its key-up to the page change; any other key still down is a broken capture.
        foreach (var (_, _, _, kind) in _pressed)
        {
            if (kind != KeyKind.Enter)
            {
                return KeystrokeSampleReader.Reject(KeystrokeRejectionCodes.KeyDownWithoutKeyUp);
            }
        }

        if (_typed < keys.Count)
        {
            return KeystrokeSampleReader.Reject(KeystrokeRejectionCodes.TextMismatch);
        }

        for (var key = 0; key + 1 < keys.Count; key++)
        {
            if (_down[key + 1] - _down[key] > KeystrokeLimits.MaxPauseMs)
            {
                return KeystrokeSampleReader.Reject(KeystrokeRejectionCodes.PauseTooLong);
            }
        }

        return KeystrokeSampleResult.Accept(new KeystrokeSample(phrase, _text.ToString(), _down, _up));
    }

    private static bool CorrectedLater(IReadOnlyList<RawKeyEvent> events, int from)
    {
        for (var i = from + 1; i < events.Count; i++)
        {
            if (events[i].Type == RawKeyEvent.Down && KeyKinds.Of(events[i].Key) == KeyKind.Correction)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The physical key; browsers without <c>code</c> fall back to the key, upper-cased so Shift released first still pairs.</summary>
    private static string PairId(RawKeyEvent e) => e.Code.Length > 0 ? e.Code : e.Key.ToUpperInvariant();

    private string? OnDown(RawKeyEvent e)
    {
        var id = PairId(e);
        if (e.Repeat || IndexOfPressed(id) >= 0)
        {
            // A second key-down without a key-up is auto-repeat on platforms that do not set the flag.
            return KeystrokeRejectionCodes.AutoRepeat;
        }

        _anyDown = true;
        var kind = KeyKinds.Of(e.Key);
        if (_submitted && kind != KeyKind.Modifier)
        {
            // Keys after the submitting Enter belong to the next page; a finished phrase cannot be extended.
            return KeystrokeRejectionCodes.TextMismatch;
        }

        switch (kind)
        {
            case KeyKind.Modifier:
            case KeyKind.ShortcutModifier:
                _pressed.Add((id, e.Key, -1, kind));
                return null;
            case KeyKind.Correction:
                return KeystrokeRejectionCodes.Correction;
            case KeyKind.Navigation:
                return KeystrokeRejectionCodes.CursorMoved;
            case KeyKind.Composition:
                return KeystrokeRejectionCodes.InputMethod;
            case KeyKind.Unsupported:
                return KeystrokeRejectionCodes.UnsupportedInput;
            case KeyKind.Enter when !(keys.EndsWithEnter && _typed == keys.Count - 1):
                if (_typed != keys.Count)
                {
                    return KeystrokeRejectionCodes.TextMismatch;
                }

                _submitted = true;
                _pressed.Add((id, e.Key, -1, KeyKind.Enter));
                return null;
            default:
                return OnPhraseKeyDown(e, id, kind);
        }
    }

    private string? OnPhraseKeyDown(RawKeyEvent e, string id, KeyKind kind)
    {
        if (ShortcutHeld())
        {
            return KeystrokeRejectionCodes.Shortcut;
        }

        var typed = kind == KeyKind.Enter ? "\n" : e.Key;
        if (_typed >= keys.Count || !keys.Matches(_typed, typed))
        {
            return KeystrokeRejectionCodes.TextMismatch;
        }

        _down[_typed] = e.TimeStamp;
        _text.Append(typed);
        _pressed.Add((id, e.Key, _typed, kind == KeyKind.Enter ? KeyKind.Character : kind));
        _typed++;
        return null;
    }

    private string? OnUp(RawKeyEvent e)
    {
        var at = IndexOfPressed(PairId(e));
        if (at < 0)
        {
            // A key pressed before capture began (the Tab or click that focused the box) releases first: harmless.
            return _anyDown ? KeystrokeRejectionCodes.KeyUpWithoutKeyDown : null;
        }

        var position = _pressed[at].Position;
        _pressed.RemoveAt(at);
        if (position < 0)
        {
            return null;
        }

        _up[position] = e.TimeStamp;
        return e.TimeStamp - _down[position] > KeystrokeLimits.MaxHoldMs ? KeystrokeRejectionCodes.KeyHeldTooLong : null;
    }

    private int IndexOfPressed(string id)
    {
        for (var i = 0; i < _pressed.Count; i++)
        {
            if (_pressed[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Control+Alt together is how Windows reports AltGr, which types characters on many layouts.</summary>
    private bool ShortcutHeld()
    {
        bool control = false, alt = false, meta = false;
        foreach (var (_, key, _, kind) in _pressed)
        {
            if (kind == KeyKind.ShortcutModifier)
            {
                control |= key == "Control";
                alt |= key == "Alt";
                meta |= key != "Control" && key != "Alt";
            }
        }

        return meta || (control != alt);
    }
}
