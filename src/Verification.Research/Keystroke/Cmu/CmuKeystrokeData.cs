using System.Globalization;
using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// The CMU keystroke benchmark (Killourhy &amp; Maxion, "Comparing Anomaly-Detection Algorithms for Keystroke
/// Dynamics", DSN 2009): 51 subjects typing <c>.tie5Roanl</c> and Enter 400 times. It loads
/// <c>DSL-StrongPasswordData.csv</c> and turns a row's timings back into browser events, so that tests and the
/// evaluation replay real typing through <see cref="KeystrokeSampleReader"/>.
/// </summary>
public static class CmuKeystrokeData
{
    public const string FileName = "DSL-StrongPasswordData.csv";

    /// <summary>The password and the Enter that ends it (a trailing <c>\n</c> makes Enter a phrase key).</summary>
    public const string Phrase = ".tie5Roanl\n";

    public const int TimingCount = 31;

    /// <summary>Each subject typed the password 50 times in each of 8 sessions (sittings on different days).</summary>
    public const int TypingsPerSession = 50;

    /// <summary>When the synthetic Shift goes down before R and comes up after it; the reader ignores modifier timing.</summary>
    private const double ShiftLeadMs = 40;

    private static readonly (string Key, string Code)[] Keys =
    [
        (".", "Period"), ("t", "KeyT"), ("i", "KeyI"), ("e", "KeyE"), ("5", "Digit5"), ("R", "KeyR"),
        ("o", "KeyO"), ("a", "KeyA"), ("n", "KeyN"), ("l", "KeyL"), ("Enter", "Enter"),
    ];

    private const int ShiftedKey = 5;

    /// <summary>Reads the CSV (header, then <c>subject,sessionIndex,rep</c> and 31 timings per line).</summary>
    public static IReadOnlyList<CmuKeystrokeRow> Load(string path)
    {
        var rows = new List<CmuKeystrokeRow>(20_400);
        using var reader = new StreamReader(path);
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 3 + TimingCount)
            {
                throw new FormatException($"{path}: a row has {fields.Length} fields, expected {3 + TimingCount}.");
            }

            var timings = new double[TimingCount];
            for (var i = 0; i < TimingCount; i++)
            {
                timings[i] = double.Parse(fields[3 + i], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            rows.Add(new CmuKeystrokeRow(
                fields[0],
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                int.Parse(fields[2], CultureInfo.InvariantCulture),
                timings));
        }

        return rows;
    }

    /// <summary>
    /// The key-down/key-up events that give the row's timings: key i goes down at the sum of the previous down-down
    /// times and up a hold time later; R is typed with Shift. Times are milliseconds from <paramref name="startMs"/>.
    /// </summary>
    public static IReadOnlyList<RawKeyEvent> ToEvents(CmuKeystrokeRow row, double startMs = 1_000)
    {
        ArgumentNullException.ThrowIfNull(row);
        var t = row.Timings;
        var events = new List<RawKeyEvent>((2 * Keys.Length) + 2);
        var down = startMs;
        for (var key = 0; key < Keys.Length; key++)
        {
            var (name, code) = Keys[key];
            var up = down + (t[3 * key] * 1000);
            if (key == ShiftedKey)
            {
                events.Add(new RawKeyEvent(RawKeyEvent.Down, "Shift", "ShiftLeft", down - ShiftLeadMs));
                events.Add(new RawKeyEvent(RawKeyEvent.Up, "Shift", "ShiftLeft", up + ShiftLeadMs));
            }

            events.Add(new RawKeyEvent(RawKeyEvent.Down, name, code, down));
            events.Add(new RawKeyEvent(RawKeyEvent.Up, name, code, up));
            if (key + 1 < Keys.Length)
            {
                down += t[(3 * key) + 1] * 1000;
            }
        }

        // Stable: at equal times the order above (down before its own up) is kept.
        return [.. events.OrderBy(e => e.TimeStamp)];
    }
}
