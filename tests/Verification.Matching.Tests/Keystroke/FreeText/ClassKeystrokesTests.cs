using Verification.Matching.Keystroke;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Matching.Tests.Keystroke.FreeText;

public sealed class ClassKeystrokesTests
{
    [Fact]
    public void Pairs_each_key_down_with_its_key_up_in_key_down_order_from_the_first_key_down()
    {
        RawKeyEvent[] events =
        [
            new("down", "H", "KeyH", 1000), new("down", "i", "KeyI", 1080), new("up", "H", "KeyH", 1100), new("up", "i", "KeyI", 1150),
            new("down", " ", "Space", 1200), new("down", " ", "Space", 1230, Repeat: true), new("up", " ", "Space", 1290),
            new("down", "Shift", "ShiftLeft", 1300),
        ];

        var keys = ClassKeystrokes.Of(events);

        Assert.Equal([new ClassKeystroke(1, 0, 100), new ClassKeystroke(1, 80, 150), new ClassKeystroke(2, 200, 290)], keys);
    }

    [Fact]
    public void A_key_up_before_its_key_down_or_without_one_is_left_out()
    {
        RawKeyEvent[] events = [new("up", "a", "KeyA", 50), new("down", "b", "KeyB", 100), new("up", "b", "KeyB", 90)];

        Assert.Empty(ClassKeystrokes.Of(events));
    }
}
