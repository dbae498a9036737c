using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>
/// Types as a phone's on-screen keyboard does in Chromium on Android: each character is a key-down and key-up with
/// <c>key: "Unidentified"</c> and key code 229 around an inserted text, so there are no per-key timings to measure;
/// then Enter, which touch keyboards do send as a key. With <paramref name="keyEvents"/> false, the text arrives as input
/// events alone (Playwright's <c>InsertTextAsync</c>), as some keyboards' word suggestions do.
/// </summary>
internal sealed class TouchKeyboardTypist(bool keyEvents) : ITypist
{
    public async Task TypeAsync(IPage page, string text)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        System.Text.Rune[] runes = keyEvents ? [.. text.EnumerateRunes()] : [];
        foreach (var rune in runes)
        {
            await UnidentifiedAsync(devTools, "keyDown");
            await devTools.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = rune.ToString() });
            await UnidentifiedAsync(devTools, "keyUp");
            await Task.Delay(20);
        }

        if (!keyEvents)
        {
            var words = text.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                await page.Keyboard.InsertTextAsync(i < words.Length - 1 ? words[i] + " " : words[i]);
                await Task.Delay(40);
            }
        }

        await devTools.SendAsync("Input.dispatchKeyEvent", Key("keyDown", "Enter", "Enter", 13, "\r"));
        await Task.Delay(60);
        await devTools.SendAsync("Input.dispatchKeyEvent", Key("keyUp", "Enter", "Enter", 13, null));
        await devTools.DetachAsync();
    }

    private static Task<System.Text.Json.JsonElement?> UnidentifiedAsync(ICDPSession devTools, string type) =>
        devTools.SendAsync("Input.dispatchKeyEvent", Key(type, "Unidentified", "", 229, null));

    private static Dictionary<string, object> Key(string type, string key, string code, int keyCode, string? text)
    {
        var args = new Dictionary<string, object>
        {
            ["type"] = type, ["key"] = key, ["code"] = code, ["windowsVirtualKeyCode"] = keyCode, ["nativeVirtualKeyCode"] = keyCode,
        };
        if (text is not null)
        {
            args["text"] = text;
            args["unmodifiedText"] = text;
        }

        return args;
    }
}
