using Verification.Matching.Keystroke.FreeText;

namespace Verification.Matching.Tests.Keystroke.FreeText;

public sealed class KeyClassesTests
{
    [Theory]
    [InlineData("KeyE", KeyClass.LeftHand)]
    [InlineData("KeyB", KeyClass.LeftHand)]
    [InlineData("KeyY", KeyClass.RightHand)]
    [InlineData("Period", KeyClass.RightHand)]
    [InlineData("Space", KeyClass.Space)]
    [InlineData("Backspace", KeyClass.Edit)]
    [InlineData("Delete", KeyClass.Edit)]
    [InlineData("ShiftLeft", KeyClass.Other)]
    [InlineData("Enter", KeyClass.Other)]
    [InlineData("", KeyClass.Other)]
    [InlineData(null, KeyClass.Other)]
    [InlineData("KeyÉ", KeyClass.Other)]
    public void Maps_physical_keys_to_their_class(string? code, KeyClass expected) => Assert.Equal(expected, KeyClasses.Of(code));

    [Fact]
    public void Every_letter_key_is_in_a_hand_class_and_each_hand_class_stands_for_15_keys_or_more()
    {
        var letters = Enumerable.Range('A', 26).Select(c => "Key" + (char)c).ToList();

        Assert.All(letters, code => Assert.Contains(KeyClasses.Of(code), new[] { KeyClass.LeftHand, KeyClass.RightHand }));
        Assert.Equal(15, letters.Count(code => KeyClasses.Of(code) == KeyClass.LeftHand));
        Assert.Equal(11, letters.Count(code => KeyClasses.Of(code) == KeyClass.RightHand));
        Assert.True(KeyClasses.HandKeys.Count(k => k.Value == KeyClass.RightHand) >= 15);
    }
}
