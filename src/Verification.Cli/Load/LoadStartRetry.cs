using System.Globalization;
using System.Text.RegularExpressions;

namespace Verification.Cli.Load;

/// <summary>
/// The course player's rule for a refused StartSession (js/start-retry.js), so that the load tool's players come back
/// as real ones do: only <c>server_busy</c> and <c>database_unavailable</c> are tried again, after the seconds the
/// refusal names ("Retry in N seconds", else 5, at most 60) plus a random half of them.
/// </summary>
internal static partial class LoadStartRetry
{
    public const int MaxAttempts = 5;

    private const int DefaultSeconds = 5;
    private const int MaxSeconds = 60;

    /// <summary>How long to wait before the next attempt; null when the refusal is not one to try again.</summary>
    public static TimeSpan? Wait(string? message)
    {
        if (message is null || !(message.Contains("server_busy:", StringComparison.Ordinal) || message.Contains("database_unavailable:", StringComparison.Ordinal)))
        {
            return null;
        }

        var hint = RetryIn().Match(message);
        var seconds = Math.Clamp(hint.Success ? int.Parse(hint.Groups[1].Value, CultureInfo.InvariantCulture) : DefaultSeconds, 1, MaxSeconds);
        return TimeSpan.FromSeconds(seconds * (1 + (Random.Shared.NextDouble() / 2)));
    }

    [GeneratedRegex(@"Retry in (\d{1,6}) seconds", RegexOptions.CultureInvariant)]
    private static partial Regex RetryIn();
}
