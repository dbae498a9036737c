using System.Text;

namespace Verification.Matching.Keystroke;

/// <summary>
/// The keys a phrase asks for: one per character (a rune), and Enter when the phrase ends in <c>\n</c>.
/// A phrase without a trailing <c>\n</c> may still be submitted with Enter; that Enter is not a phrase key.
/// </summary>
internal sealed class PhraseKeys
{
    private readonly string[] _keys;

    private PhraseKeys(string[] keys, bool endsWithEnter)
    {
        _keys = keys;
        EndsWithEnter = endsWithEnter;
    }

    public int Count => _keys.Length;

    public bool EndsWithEnter { get; }

    public string this[int index] => _keys[index];

    public static PhraseKeys? Parse(string? phrase)
    {
        if (string.IsNullOrEmpty(phrase) || phrase.Length > KeystrokeLimits.MaxPhraseLength)
        {
            return null;
        }

        var endsWithEnter = phrase[^1] == '\n';
        var body = endsWithEnter ? phrase.AsSpan(0, phrase.Length - 1) : phrase.AsSpan();
        var keys = new List<string>(body.Length + 1);
        foreach (var rune in body.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return null;
            }

            keys.Add(rune.ToString());
        }

        if (endsWithEnter)
        {
            keys.Add("\n");
        }

        return keys.Count == 0 ? null : new PhraseKeys([.. keys], endsWithEnter);
    }

    /// <summary>
    /// Letters match whatever their case: a learner with Caps Lock on, or who skips a capital, types the same
    /// rhythm on the same keys, and refusing them would add false rejects for no security gain.
    /// </summary>
    public bool Matches(int index, string key) => string.Equals(_keys[index], key, StringComparison.OrdinalIgnoreCase);
}
