using Microsoft.Extensions.Configuration;
using Verification.Matching.Face;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;

namespace Verification.Cli.Sessions;

/// <summary>The options the Host runs with, read from its appsettings.json, so the simulation measures the configured service.</summary>
internal sealed record HostSettingsFile(FaceOptions Face, KeystrokeOptions Keystroke, FusionOptions Fusion)
{
    private const string FusionSection = "Proctoring:Sessions:Fusion";

    public static HostSettingsFile Read(string path)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build();
        var face = configuration.GetSection(FaceOptions.SectionName).Get<FaceOptions>() ?? new FaceOptions();
        var keystroke = configuration.GetSection(KeystrokeOptions.SectionName).Get<KeystrokeOptions>() ?? new KeystrokeOptions();
        var fusion = configuration.GetSection(FusionSection).Get<FusionOptions>() ?? new FusionOptions();
        return new HostSettingsFile(face, keystroke, fusion);
    }
}
