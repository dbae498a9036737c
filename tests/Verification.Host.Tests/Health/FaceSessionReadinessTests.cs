using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Verification.BuildingBlocks;
using Verification.Host.Startup;
using Verification.Host.Tests.Support;
using Verification.Matching.Face.Sessions;
using Verification.Testing;

namespace Verification.Host.Tests.Health;

/// <summary>The Testing environment fixes every model's level (appsettings.Testing.json); the readiness test lifts that for one model.</summary>
public sealed class FaceSessionReadinessTests
{
    private const string EyeLevel = "Matching:Face:Sessions:Eye:GraphOptimizationLevel";

    [Fact]
    public async Task Readiness_shows_each_face_model_level_and_whether_it_was_configured_or_measured()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var factory = new HostFactory(database.ConnectionString);
        await using var measuringEye = factory.WithWebHostBuilder(b => b
            .UseSetting(EyeLevel, "")
            .UseSetting("Matching:Face:Sessions:Embedding:GraphOptimizationLevel", "Basic"));
        using var client = measuringEye.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessions = body.RootElement.GetProperty("checks").GetProperty("models").GetProperty("data");
        Assert.Equal(
            ["Eye", "Landmark", "Detector", "Pose", "Liveness", "Embedding"],
            sessions.EnumerateObject().Select(p => p.Name));
        var embedding = sessions.GetProperty("Embedding");
        Assert.Equal("Basic", embedding.GetProperty("graphOptimizationLevel").GetString());
        Assert.Equal("Configured", embedding.GetProperty("source").GetString());
        var eye = sessions.GetProperty("Eye");
        Assert.Equal("Measured", eye.GetProperty("source").GetString());
        Assert.Contains(eye.GetProperty("graphOptimizationLevel").GetString()!, eye.GetProperty("measured").GetString(), StringComparison.Ordinal);
        Assert.True(eye.GetProperty("medianMilliseconds").GetDouble() > 0);
    }

    [Theory]
    [InlineData("Fastest", "Matching:Face:Sessions:Eye:GraphOptimizationLevel")]
    [InlineData("Basic", null)]
    public void Refuses_a_level_that_does_not_exist_naming_the_setting(string level, string? refusedSetting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [EyeLevel] = level }).Build();

        if (refusedSetting is null)
        {
            Assert.Equal(GraphOptimization.Basic, FaceSessionSettings.Verify(configuration).Eye.GraphOptimizationLevel);
            return;
        }

        var error = Assert.Throws<SettingInvalidException>(() => FaceSessionSettings.Verify(configuration));
        Assert.Contains(refusedSetting, error.Message, StringComparison.Ordinal);
        Assert.Contains("Extended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_measurement_budget_out_of_range_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Matching:Face:Sessions:MeasureBudgetMilliseconds"] = "-5" }).Build();

        var error = Assert.Throws<SettingInvalidException>(() => FaceSessionSettings.Verify(configuration));

        Assert.Contains("Matching:Face:Sessions:MeasureBudgetMilliseconds", error.Message, StringComparison.Ordinal);
    }
}
