namespace Verification.Proctoring.Identity.Pledges;

/// <summary>
/// The built-in pledges, used for a language that <c>Proctoring:Pledges</c> does not configure. Written so that every
/// character is one key press on the language's usual keyboard: no Arabic lam-alef or Hindi InScript conjunct keys (one
/// key, two characters), no characters only an input method produces; gender-neutral where the grammar allows.
/// </summary>
internal static class DefaultPledges
{
    public const string FallbackLanguage = "en";

    public static readonly IReadOnlyDictionary<string, PledgeSet> ByLanguage = new Dictionary<string, PledgeSet>(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new(
            ["I certify that the work I submit is my own", "I promise that I do my own work in this course"],
            []),
        ["es"] = new(
            ["Certifico que el trabajo que entrego es mío", "Prometo hacer mi propio trabajo en este curso"],
            ["Prometo hacer mi propio trabajo en este curso"]),
        ["fr"] = new(["Je certifie que le travail que je rends est le mien"], []),
        ["de"] = new(["Ich versichere, dass ich meine Arbeit selbst mache"], []),
        ["ru"] = new(["Я подтверждаю, что эта работа моя собственная"], ["Ya podtverzhdayu, chto eta rabota moya sobstvennaya"]),
        ["ar"] = new(["أقر بأن هذا العمل من عملي وحدي"], []),
        ["hi"] = new(["यह काम पूरी तरह मेरा अपना है"], ["yah kaam poori tarah mera apna hai"]),
        // Hanzi and kana need an input method on every keyboard: pinyin and romaji are what their learners type daily.
        ["zh"] = new([], ["wo chengnuo tijiao de zuoye dou shi wo ziji wancheng de"]),
        ["ja"] = new([], ["kono shigoto wa watashi jishin no mono desu"]),
    };
}
