using System.ComponentModel;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;
using Verification.Matching.Face;

namespace Verification.Cli.Face;

/// <summary>
/// <c>verification evaluate face-quality</c>: the quality measurements and liveness of every image under a folder,
/// as CSV plus percentiles, so gate limits are set from the spread of good photos rather than guessed.
/// </summary>
internal sealed class EvaluateFaceQualityCommand : Command<EvaluateFaceQualityCommand.Settings>
{
    private static readonly double[] Percentiles = [0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999];

    internal sealed class Settings : FaceEngineSettings
    {
        [CommandOption("--root <DIR>")]
        [Description("Folder searched recursively for .jpg and .png files.")]
        public required string Root { get; init; }

        [CommandOption("--out <DIR>")]
        public required string Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = new List<string>(Directory.EnumerateFiles(settings.Root, "*.*", SearchOption.AllDirectories));
        files.RemoveAll(static f => !f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".png", StringComparison.OrdinalIgnoreCase));
        files.Sort(StringComparer.Ordinal);
        using var engine = FaceEngine.Load(settings.ModelsDirectory, new FaceOptions(), settings.Variant());
        var results = new FaceAnalysis[files.Count];
        var gates = QualityGateSettings.None;
        ParallelProgress.Run("measuring quality", files.Count, settings.Parallelism, i =>
            results[i] = engine.Analyze(File.ReadAllBytes(files[i]), gates, AnalysisScope.Liveness | AnalysisScope.Quality));

        Directory.CreateDirectory(settings.Out);
        var csv = new StringBuilder("path,faces,side,brightness,sharpness,yaw,pitch,roll,left_eye_closed,right_eye_closed,liveness\n");
        var columns = new Dictionary<string, List<double>>
        {
            ["side"] = [], ["brightness"] = [], ["sharpness"] = [], ["abs_yaw"] = [], ["abs_pitch"] = [], ["min_eye_closed"] = [], ["liveness"] = [],
        };
        for (var i = 0; i < files.Count; i++)
        {
            var q = results[i].Quality;
            if (q is null)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(settings.Root, files[i])},{results[i].FacesFound},,,,,,,,,\n");
                continue;
            }

            csv.Append(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(settings.Root, files[i])},{results[i].FacesFound},{q.FaceSide:0.0},{q.Brightness:0.0},{q.Sharpness:0.0},{q.Yaw:0.0},{q.Pitch:0.0},{q.Roll:0.0},{q.LeftEyeClosed:0.000},{q.RightEyeClosed:0.000},{results[i].Liveness:0.000}\n");
            columns["side"].Add(q.FaceSide);
            columns["brightness"].Add(q.Brightness);
            columns["sharpness"].Add(q.Sharpness);
            // With no gates nothing is skipped, so pose and eyes are measured on every face found.
            columns["abs_yaw"].Add(Math.Abs(q.Yaw ?? float.NaN));
            columns["abs_pitch"].Add(Math.Abs(q.Pitch ?? float.NaN));
            columns["min_eye_closed"].Add(Math.Min(q.LeftEyeClosed ?? float.NaN, q.RightEyeClosed ?? float.NaN));
            columns["liveness"].Add(results[i].Liveness ?? double.NaN);
        }

        File.WriteAllText(Path.Combine(settings.Out, "face-quality.csv"), csv.ToString());
        var summary = new Dictionary<string, Dictionary<string, double>>();
        foreach (var (name, values) in columns)
        {
            values.Sort();
            var row = new Dictionary<string, double>();
            foreach (var p in Percentiles)
            {
                row["p" + (p * 100).ToString("0.###", CultureInfo.InvariantCulture)] = values.Count == 0 ? double.NaN : values[Math.Min((int)(p * values.Count), values.Count - 1)];
            }

            summary[name] = row;
            AnsiConsole.WriteLine(name + ": " + string.Join(", ", row.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:0.###}"))));
        }

        JsonReport.Write(Path.Combine(settings.Out, "face-quality.json"), new { images = files.Count, faces = columns["side"].Count, percentiles = summary });
        return 0;
    }
}
