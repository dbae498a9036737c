using Verification.Matching.Face;

namespace Verification.Matching.Tests.Face;

public sealed class FaceOptionsTests
{
    [Fact]
    public void The_shipped_image_limits_are_usable() => Assert.Empty(new FaceOptions().Problems());

    [Theory]
    [InlineData(nameof(FaceOptions.MaxImageBytes))]
    [InlineData(nameof(FaceOptions.MaxImageSide))]
    [InlineData(nameof(FaceOptions.MaxImagePixels))]
    [InlineData(nameof(FaceOptions.MaxImageBitDepth))]
    public void A_zero_image_limit_is_named_as_a_problem(string setting)
    {
        var options = new FaceOptions();
        typeof(FaceOptions).GetProperty(setting)!.SetValue(options, Convert.ChangeType(0, typeof(FaceOptions).GetProperty(setting)!.PropertyType, null));
        var problem = Assert.Single(options.Problems());
        Assert.Contains("Matching:Face:" + setting, problem, StringComparison.Ordinal);
    }
}
