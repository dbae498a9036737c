using Verification.Matching.Keystroke.FreeText;

namespace Verification.Matching.Tests.Keystroke.FreeText;

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
