using System.Globalization;
using Spectre.Console;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>The console summary: per kind, NeedsReview with its interval and the flags behind it.</summary>
internal static class SessionsTable
{
    public static void Write(IReadOnlyList<SessionKindSummary> kinds)
    {
        var table = new Table().AddColumns("sessions", "NeedsReview (95% CI)", "flags (share of sessions)", "weak typing evidence, no flag");
        foreach (var k in kinds)
        {
            var flags = string.Join(", ", k.Flags.Select(f => $"{f.Key} {f.Value.Count}"));
            table.AddRow(Markup.Escape($"{k.Kind}, {k.Sessions}"), Markup.Escape(Percent(k.NeedsReview)), Markup.Escape(flags), Markup.Escape(Percent(k.WeakTypingEvidence)));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>The honest kinds over the one-face population, with how many sessions were left out and why.</summary>
    public static void WriteOneFace(IReadOnlyList<OneFaceSummary> kinds)
    {
        var table = new Table().AddColumns("exactly one face per frame", "NeedsReview (95% CI)", "flags", "left out");
        foreach (var k in kinds)
        {
            var flags = string.Join(", ", k.OneFace.Flags.Select(f => $"{f.Key} {f.Value.Count}"));
            var excluded = string.Join("; ", k.Excluded.Select(e => $"{e.Value}: {e.Key}"));
            table.AddRow(Markup.Escape($"{k.Kind}, {k.OneFace.Sessions} of {k.AllSessions}"), Markup.Escape(Percent(k.OneFace.NeedsReview)), Markup.Escape(flags), Markup.Escape(excluded));
        }

        AnsiConsole.Write(table);
    }

    public static string Percent(WilsonInterval r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Count}/{r.Total} = {100 * r.Rate:F1}% [{100 * r.Low:F1}, {100 * r.High:F1}]");
}
