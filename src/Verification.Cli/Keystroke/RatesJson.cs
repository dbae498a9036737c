using System.Text.Json.Nodes;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>The JSON shape of one evaluation cell: mean EER and zero-miss false-alarm rate over subjects, with sd.</summary>
internal static class RatesJson
{
    public static JsonObject Of(SubjectRates rates)
    {
        var (eer, eerSd) = rates.Eer;
        var (zm, zmSd) = rates.ZeroMiss;
        return new JsonObject
        {
            ["eer"] = Round(eer),
            ["eer_sd"] = Round(eerSd),
            ["zero_miss_far"] = Round(zm),
            ["zero_miss_far_sd"] = Round(zmSd),
            ["subjects"] = rates.EqualErrorRates.Count,
        };
    }

    public static double Round(double value) => Math.Round(value, 6);
}
