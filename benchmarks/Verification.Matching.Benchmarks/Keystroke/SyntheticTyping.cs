using Verification.Matching.Keystroke;

namespace Verification.Matching.Benchmarks.Keystroke;

/// <summary>Plausible typing of a phrase: holds of 70–110 ms and key-downs 110–200 ms apart, with jitter.</summary>
internal static class SyntheticTyping
{
    public static KeystrokeSample Sample(string phrase, Random random) =>
        KeystrokeSampleReader.Read(phrase, Events(phrase, random)).Sample
        ?? throw new InvalidOperationException("Synthetic typing was refused by the reader.");

    public static IReadOnlyList<RawKeyEvent> Events(string phrase, Random random)
    {
        var events = new List<RawKeyEvent>();
        var t = 1_000.0;
        for (var i = 0; i < phrase.Length; i++)
        {
            var key = phrase[i] == '\n' ? "Enter" : phrase[i].ToString();
            var code = "K" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var hold = 70 + (10 * (i % 4)) + (random.NextDouble() * 15);
            events.Add(new RawKeyEvent(RawKeyEvent.Down, key, code, t));
            events.Add(new RawKeyEvent(RawKeyEvent.Up, key, code, t + hold));
            t += 110 + (20 * (i % 5)) + (random.NextDouble() * 30);
        }

        events.Sort(static (a, b) => a.TimeStamp.CompareTo(b.TimeStamp));
        return events;
    }

    /// <summary>models/keystroke above the benchmark's build folder (BenchmarkDotNet runs from a generated child folder).</summary>
    public static string ModelDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Verification.sln")))
            {
                return Path.Combine(directory.FullName, "models", "keystroke");
            }
        }

        throw new DirectoryNotFoundException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}
