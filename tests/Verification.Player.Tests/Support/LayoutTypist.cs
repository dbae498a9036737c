using System.Text.Json;
using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>
/// Types through Chromium's own input pipeline (DevTools <c>Input.dispatchKeyEvent</c>) as a keyboard of a given layout
/// does: each key with its physical <c>code</c> and the character the layout gives as <c>key</c>, Shift around shifted
/// characters, one person's rhythm per position. Playwright's keyboard knows only the US layout.
/// </summary>
internal sealed class LayoutTypist(int seed, KeyboardLayout layout) : ITypist
{
    private const int Shift = 8;
    private readonly Random _noise = new(seed);
    private readonly Random _person = new(seed * 7919);
    private readonly Dictionary<int, (int Hold, int Gap)> _rhythm = [];

    public async Task TypeAsync(IPage page, string text)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var character = rune.ToString();
            var (code, shift) = layout.KeyFor(character);
            var (hold, gap) = RhythmAt(position++);
            if (shift)
            {
                await KeyAsync(devTools, "keyDown", "Shift", "ShiftLeft", null, Shift);
            }

            await KeyAsync(devTools, "keyDown", character, code, character, shift ? Shift : 0);
            await Task.Delay(Vary(hold));
            await KeyAsync(devTools, "keyUp", character, code, null, shift ? Shift : 0);
            if (shift)
            {
                await KeyAsync(devTools, "keyUp", "Shift", "ShiftLeft", null, 0);
            }

            await Task.Delay(Vary(gap));
        }

        await PressEnterAsync(devTools);
        await devTools.DetachAsync();
    }

    /// <summary>An input method composing <paramref name="text"/> (pinyin to Hanzi), committed, then Enter.</summary>
    public static async Task ComposeAsync(IPage page, string reading, string text)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        for (var i = 1; i <= reading.Length; i++)
        {
            await devTools.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = reading[..i], ["selectionStart"] = i, ["selectionEnd"] = i });
            await Task.Delay(60);
        }

        await devTools.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = text });
        await Task.Delay(100);
        await PressEnterAsync(devTools);
        await devTools.DetachAsync();
    }

    private static async Task PressEnterAsync(ICDPSession devTools)
    {
        await KeyAsync(devTools, "keyDown", "Enter", "Enter", "\r", 0);
        await Task.Delay(70);
        await KeyAsync(devTools, "keyUp", "Enter", "Enter", null, 0);
    }

    private static Task<JsonElement?> KeyAsync(ICDPSession devTools, string type, string key, string code, string? text, int modifiers)
    {
        var args = new Dictionary<string, object>
        {
            ["type"] = type, ["key"] = key, ["code"] = code, ["modifiers"] = modifiers,
            ["windowsVirtualKeyCode"] = KeyboardLayout.VirtualKey(code), ["nativeVirtualKeyCode"] = KeyboardLayout.VirtualKey(code),
        };
        if (text is not null)
        {
            args["text"] = text;
            args["unmodifiedText"] = text;
        }

        return devTools.SendAsync("Input.dispatchKeyEvent", args);
    }

    private (int Hold, int Gap) RhythmAt(int position)
    {
        if (!_rhythm.TryGetValue(position, out var rhythm))
        {
            // Long enough that a loaded machine's scheduling jitter (tens of ms) stays small beside the rhythm itself.
            rhythm = (_person.Next(70, 140), _person.Next(80, 200));
            _rhythm[position] = rhythm;
        }

        return rhythm;
    }

    private int Vary(int milliseconds) => (int)(milliseconds * (0.9 + (0.2 * _noise.NextDouble())));
}
