using System.Globalization;
using Verification.Matching.Face;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// Each benchmark process loads its own engine; the levels it chose are printed and appended to a file under
/// BenchmarkDotNet.Artifacts/results, which <see cref="FaceRatioReport"/> shows after the run.
/// </summary>
internal static class SessionChoiceLog
{
    public static string PathUnder(string root) => Path.Combine(root, "BenchmarkDotNet.Artifacts", "results", "face-session-choices.txt");

    public static void Write(string root, string sessions, FaceEngine engine)
    {
        var line = string.Join("; ", engine.SessionChoices.Select(c => string.Create(
            CultureInfo.InvariantCulture,
            $"{c.Model} {c.Level} ({c.Source}{(c.MedianMilliseconds is { } m ? $", {m:0.###} ms" : "")})")));
        line = string.Create(CultureInfo.InvariantCulture, $"{sessions}: {line} [{engine.SessionChoiceTime.TotalMilliseconds:0} ms]");
        Console.WriteLine("// face sessions " + line);
        var path = PathUnder(root);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllLines(path, [line]);
    }
}
