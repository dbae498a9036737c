using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>Where the keystroke evaluation data lies under <c>--data</c>.</summary>
internal static class KeystrokeDataPaths
{
    public static string Cmu(string data) => Path.Combine(data, Research.Keystroke.CmuKeystrokeData.FileName);

    public static string Aalto(string data) => Path.Combine(data, "aalto136m-subset", "keystrokes");
}
