using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;

namespace Verification.Matching.Tests.Keystroke.FreeText;

/// <summary>
/// A free-text score model fitted through the real evaluation and fitting code on <see cref="SyntheticTypist"/>s, for
/// tests that need one: no model is shipped (the Aalto one is for evaluation only).
/// </summary>
internal static class SyntheticFreeTextModel
{
    public const int Typists = 60;
    public const int Sentences = 15;
    public const int KeysPerSentence = 50;

    public static FreeTextProtocol Protocol { get; } = new(7, [100, 300], 20, 17);

    public static FreeTextScoreModel Model { get; } = Fit();

    public static IReadOnlyList<AaltoClassTyping> Participants() =>
        [.. Enumerable.Range(1, Typists).Select(seed =>
        {
            var typist = new SyntheticTypist(seed, 0.8 + (0.4 * (seed % 5) / 4));
            var sentences = Enumerable.Range(0, Sentences).Select(s => (IReadOnlyList<ClassKeystroke>)typist.Type(KeysPerSentence, s * 60_000)).ToList();
            return new AaltoClassTyping(seed, sentences, sentences);
        })];

    private static FreeTextScoreModel Fit()
    {
        var result = FreeTextEvaluation.Run(Participants(), Protocol);
        return FreeTextModelFit.Fit(result, new FreeTextModelProvenance(
            FreeTextModelFit.Command(Protocol), "synthetic typists (tests)", "made up by the test", "2026-12-01", "synthetic", result.Participants, 0, 0));
    }
}
