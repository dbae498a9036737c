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

public sealed class FreeTextProfileBytesTests
{
    [Fact]
    public void A_profile_stored_and_read_back_compares_as_the_original()
    {
        var typist = new SyntheticTypist(3, 1);
        var profile = FreeTextProfile.Of(typist.Type(300, 0));
        var typing = FreeTextProfile.Of(typist.Type(100, 60_000));

        var back = FreeTextProfileBytes.FromBytes(FreeTextProfileBytes.ToBytes(profile));

        Assert.Equal(profile.Keystrokes, back.Keystrokes);
        Assert.Equal(profile.Compare(typing), back.Compare(typing));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"v\":2,\"a\":5,\"k\":1,\"t\":[]}")]
    [InlineData("{\"v\":1,\"a\":5,\"k\":1,\"t\":[{\"F\":99,\"N\":1,\"M\":1,\"S\":0}]}")]
    public void Bytes_no_profile_could_have_are_refused(string stored) =>
        Assert.Throws<InvalidDataException>(() => FreeTextProfileBytes.FromBytes(System.Text.Encoding.UTF8.GetBytes(stored)));
}
