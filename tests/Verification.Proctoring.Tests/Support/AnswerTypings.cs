using Verification.Matching.Keystroke.FreeText;
using Verification.Matching.Tests.Keystroke.FreeText;
using Verification.Proctoring.Contracts.Player;

namespace Verification.Proctoring.Tests.Support;

/// <summary>Text-answer typing as the player sends it: made-up typists' key classes and times, in batches of 50 from 1.</summary>
internal static class AnswerTypings
{
    public const int BatchKeys = 50;

    /// <summary>
    /// Batches of <paramref name="keys"/> key presses typed by the typist of <paramref name="seed"/>, each its own run,
    /// after <paramref name="skip"/> runs of 50 (so typing after a profile's is not the same typing again).
    /// </summary>
    public static IReadOnlyList<AnswerTypingBatch> Of(int seed, int keys, double tempo = 1, int skip = 0)
    {
        var typist = new SyntheticTypist(seed, tempo);
        for (var i = 0; i < skip; i++)
        {
            typist.Type(BatchKeys);
        }

        return [.. Enumerable.Range(0, keys / BatchKeys).Select(i => Batch(i + 1, typist.Type(BatchKeys, i * 60_000)))];
    }

    /// <summary>A free-text profile of <paramref name="runs"/> runs of 50 by the typist of <paramref name="seed"/>, as the synthetic model's enrollment.</summary>
    public static FreeTextProfile Profile(int seed, int runs, double tempo = 1)
    {
        var typist = new SyntheticTypist(seed, tempo);
        var profile = new FreeTextProfile();
        for (var i = 0; i < runs; i++)
        {
            profile.Add(typist.Type(BatchKeys, i * 60_000));
        }

        return profile;
    }

    public static AnswerTypingBatch Batch(int number, IReadOnlyList<ClassKeystroke> keys)
    {
        var start = keys[0].DownMs;
        return new AnswerTypingBatch
        {
            Batch = number,
            Keys = [.. keys.Select(k => new AnswerKeyDto { Class = k.KeyClass, Down = Math.Round(k.DownMs - start, 1), Up = Math.Round(k.UpMs - start, 1) })],
        };
    }

    /// <summary>The batches as the service accumulates them: one profile, each batch its own run.</summary>
    public static FreeTextProfile Typing(IEnumerable<AnswerTypingBatch> batches)
    {
        var typing = new FreeTextProfile();
        foreach (var batch in batches)
        {
            typing.Merge(FreeTextProfile.Of([.. batch.Keys!.Select(k => new ClassKeystroke(k.Class, k.Down, k.Up))]));
        }

        return typing;
    }

    public static AnswerTypingBatch WithKeys(int number, params AnswerKeyDto[] keys) => new() { Batch = number, Keys = keys };

    public static AnswerKeyDto Key(int keyClass, double down, double up) => new() { Class = keyClass, Down = down, Up = up };
}
