using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// The version of the way free-text typing becomes a score: a digest of the key classes and every constant of the
/// timings and the comparison. The score model records the version it was fitted on; loading one fitted on another version fails.
/// </summary>
public static class FreeTextPipeline
{
    /// <summary>Bump with a change to the comparison the constants below do not show.</summary>
    public const int Revision = 1;

    public static string Version { get; } = Compute();

    private static string Compute()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"revision={Revision};classes={KeyClasses.Count};");
        foreach (var (code, keyClass) in KeyClasses.HandKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{code}={(int)keyClass},");
        }

        text.Append(CultureInfo.InvariantCulture, $";hold<{FreeTextTimings.MaxHoldMs};flight<{FreeTextTimings.MaxFlightMs};");
        text.Append(CultureInfo.InvariantCulture, $"profile>={FreeTextProfile.MinimumProfileCount};spread>={FreeTextProfile.SpreadFloorMs}");
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        return string.Create(CultureInfo.InvariantCulture, $"f{Revision}-{digest}");
    }
}
