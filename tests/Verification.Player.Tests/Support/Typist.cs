using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>
/// Types through the browser's real key events with one person's rhythm: each position of the phrase has its own hold
/// and gap, varied a little from one typing to the next, as a person's are.
/// </summary>
internal sealed class Typist(int seed) : ITypist
{
    private readonly Random _noise = new(seed);
    private readonly Dictionary<int, (int Hold, int Gap)> _rhythm = [];
    private readonly Random _person = new(seed * 7919);

    public async Task TypeAsync(IPage page, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var (hold, gap) = RhythmAt(i);
            await page.Keyboard.PressAsync(text[i].ToString(), new() { Delay = Vary(hold) });
            await Task.Delay(Vary(gap));
        }

        await page.Keyboard.PressAsync("Enter", new() { Delay = Vary(80) });
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
