using System.Text.Json.Nodes;
using Spectre.Console;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>Prints the headline figures of keystroke.json as a table.</summary>
internal static class KeystrokeSummaryTable
{
    public static void Write(JsonObject report)
    {
        var table = new Table().AddColumns("method", "protocol", "EER N=200", "EER N=50", "EER N=10");
        foreach (var name in DetectorEvaluation.Names)
        {
            table.AddRow(Row(name, "paper", report["detectors"]?[name]));
            table.AddRow(Row(name, "practised", report["practised_detectors"]?[name]));
        }

        table.AddRow(Row("fused", "paper", report["fused"]));
        table.AddRow(Row("fused", "practised", report["practised"]));
        table.AddRow(Row("fused + cohort T-norm (evaluation only)", "paper", report["cohort_tnorm"]));
        table.AddRow(Row("fused + cohort T-norm (evaluation only)", "practised", report["cohort_tnorm_practised"]));
        table.AddRow(Row("no profile", "paper", report["no_profile"]));
        table.AddRow(Row("no profile", "practised", report["no_profile_practised"]));
        AnsiConsole.Write(table);
    }

    private static string[] Row(string method, string protocol, JsonNode? cells) =>
    [
        method, protocol, Cell(cells?["200"]), Cell(cells?["50"]), Cell(cells?["10"]),
    ];

    private static string Cell(JsonNode? cell) =>
        cell is null ? "-" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(double)cell["eer"]!:0.0000} ({(double)cell["eer_sd"]!:0.000})");
}
