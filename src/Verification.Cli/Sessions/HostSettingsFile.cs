using Microsoft.Extensions.Configuration;
using Verification.Matching.Face;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;

namespace Verification.Cli.Sessions;

/// <summary>
/// The options the Host runs with, read from its appsettings.json, and the fitted session score models it applies, so
/// the simulation measures the configured service.
/// </summary>
internal sealed record HostSettingsFile(FaceOptions Face, KeystrokeOptions Keystroke, FusionOptions Fusion, IReadOnlyList<string> ScoreModelProblems)
{
    private const string FusionSection = "Proctoring:Sessions:Fusion";

    /// <summary>Reads the Host's options; with <paramref name="modelsDirectory"/>, applies the session score models found there, as the Host does.</summary>
    public static HostSettingsFile Read(string path, string? modelsDirectory = null)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build();
        var face = configuration.GetSection(FaceOptions.SectionName).Get<FaceOptions>() ?? new FaceOptions();
        var keystroke = configuration.GetSection(KeystrokeOptions.SectionName).Get<KeystrokeOptions>() ?? new KeystrokeOptions();
        var fusion = configuration.GetSection(FusionSection).Get<FusionOptions>() ?? new FusionOptions();
        if (modelsDirectory is null)
        {
            return new HostSettingsFile(face, keystroke, fusion, []);
        }

        var models = SessionScoreModels.Load(modelsDirectory);
        var problems = models.Problems().ToList();
        if (models.PipelineVersion != SessionPipeline.Version(modelsDirectory))
        {
            problems.Add($"{SessionScoreModels.FileName} was fitted on pipeline {models.PipelineVersion}, this is {SessionPipeline.Version(modelsDirectory)}: run 'verification fit session-models'.");
        }

        fusion.Apply(models);
        return new HostSettingsFile(face, keystroke, fusion, problems);
    }
}
