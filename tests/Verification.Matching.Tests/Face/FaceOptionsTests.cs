using System.Text.Json;
using Verification.Matching.Face;
using Verification.Testing;

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

    [Theory]
    [InlineData(nameof(QualityGateSettings.SecondFaceMinRelativeWidth), -0.1f)]
    [InlineData(nameof(QualityGateSettings.SecondFaceMinRelativeWidth), 1.5f)]
    [InlineData(nameof(QualityGateSettings.SecondFaceMinRelativeWidth), float.NaN)]
    [InlineData(nameof(QualityGateSettings.SecondFaceMinScore), 1.01f)]
    [InlineData(nameof(QualityGateSettings.SecondFaceMinScore), -1f)]
    public void A_second_face_limit_out_of_range_is_named_as_a_problem(string setting, float value)
    {
        var options = new FaceOptions();
        typeof(QualityGateSettings).GetProperty(setting)!.SetValue(options.Session, value);
        var problem = Assert.Single(options.Problems());
        Assert.Contains("Matching:Face:Session:" + setting, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_session_second_face_limits_in_code_are_the_ones_in_appsettings()
    {
        var defaults = new FaceOptions().Session;
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "appsettings.json")));
        var session = settings.RootElement.GetProperty("Matching").GetProperty("Face").GetProperty("Session");

        Assert.Equal(defaults.SecondFaceMinRelativeWidth, session.GetProperty(nameof(QualityGateSettings.SecondFaceMinRelativeWidth)).GetSingle());
        Assert.Equal(defaults.SecondFaceMinScore, session.GetProperty(nameof(QualityGateSettings.SecondFaceMinScore)).GetSingle());
    }
}
