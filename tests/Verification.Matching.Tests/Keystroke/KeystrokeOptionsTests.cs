using System.Text.Json;
using Verification.Matching.Keystroke;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke;

public sealed class KeystrokeOptionsTests
{
    [Fact]
    public void Ships_the_operating_point_that_training_measured_in_code_and_in_appsettings()
    {
        var defaults = new KeystrokeOptions();
        using var calibration = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Models, "keystroke", "calibration.json")));
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "appsettings.json")));
        var section = settings.RootElement.GetProperty("Matching").GetProperty("Keystroke");

        Assert.Equal(calibration.RootElement.GetProperty("target_far").GetDouble(), defaults.TargetFalseAcceptRate);
        Assert.Equal(calibration.RootElement.GetProperty("llr_threshold").GetDouble(), defaults.AcceptThreshold, 1e-6);
        Assert.Equal(defaults.TargetFalseAcceptRate, section.GetProperty("TargetFalseAcceptRate").GetDouble());
        Assert.Equal(defaults.AcceptThreshold, section.GetProperty("AcceptThreshold").GetDouble());
        Assert.Equal(defaults.ModelDirectory, section.GetProperty("ModelDirectory").GetString());
    }
}
