using System.Text.Json;
using Verification.Matching.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>
/// The operating point the configuration ships: <c>Matching:Keystroke</c> of the Host's appsettings.json when it is
/// found beside the models folder, otherwise the <see cref="KeystrokeOptions"/> defaults (which a test keeps equal).
/// </summary>
internal static class KeystrokeOptionsFile
{
    public static KeystrokeOptions Read(string modelsDirectory)
    {
        var options = new KeystrokeOptions();
        var root = Path.GetFullPath(Path.Combine(modelsDirectory, "..", ".."));
        var path = Path.Combine(root, "src", "Verification.Host", "appsettings.json");
        if (!File.Exists(path))
        {
            return options;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.TryGetProperty("Matching", out var matching) && matching.TryGetProperty("Keystroke", out var keystroke))
        {
            if (keystroke.TryGetProperty(nameof(KeystrokeOptions.TargetFalseAcceptRate), out var far))
            {
                options.TargetFalseAcceptRate = far.GetDouble();
            }

            if (keystroke.TryGetProperty(nameof(KeystrokeOptions.AcceptThreshold), out var threshold))
            {
                options.AcceptThreshold = threshold.GetDouble();
            }
        }

        return options;
    }
}
