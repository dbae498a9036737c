using System.Globalization;
using Spectre.Console;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>The console summary: per kind, NeedsReview with its interval and the flags behind it.</summary>
internal static class SessionsTable
{
    public static void Write(IReadOnlyList<SessionKindSummary> kinds)
    {
        var table = new Table().AddColumns("sessions", "NeedsReview (95% CI)", "flags (share of sessions)");
        foreach (var k in kinds)
        {
            var flags = string.Join(", ", k.Flags.Select(f => $"{f.Key} {f.Value.Count}"));
            table.AddRow(Markup.Escape($"{k.Kind}, {k.Sessions}"), Markup.Escape(Percent(k.NeedsReview)), Markup.Escape(flags));
        }

        AnsiConsole.Write(table);
    }

    public static string Percent(WilsonInterval r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Count}/{r.Total} = {100 * r.Rate:F1}% [{100 * r.Low:F1}, {100 * r.High:F1}]");
}
