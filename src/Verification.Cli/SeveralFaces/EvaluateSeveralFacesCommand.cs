using System.Collections.Concurrent;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;
using Verification.Cli.Sessions;
using Verification.Matching.Face;
using Verification.Research.Sessions;
using Verification.Research.Sessions.SeveralFaces;

namespace Verification.Cli.SeveralFaces;

/// <summary>
/// <c>verification evaluate several-faces</c>: how large and how certain the second faces are in LFW photos that fire
/// the several-faces gate, against a second person pasted over the learner's shoulder; the rule grid and the rule chosen
/// from it; writes several-faces.json and several-faces.png. Deterministic for a seed.
/// </summary>
internal sealed class EvaluateSeveralFacesCommand : Command<EvaluateSeveralFacesSettings>
{
    public override int Execute(CommandContext context, EvaluateSeveralFacesSettings settings, CancellationToken cancellationToken)
    {
        var lfw = Path.Combine(settings.Data, "face", "lfw");
        var host = HostSettingsFile.Read(settings.HostSettings);
        var problems = settings.Problems().Concat(host.Face.Problems()).ToList();
        if (!Directory.Exists(lfw))
        {
            problems.Add($"{lfw} not found: pass --data with the shared eval-data folder");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{problem}[/]");
            }

            return 2;
        }

        var started = Stopwatch.StartNew();
        using var engine = FaceEngine.Load(settings.ModelsDirectory, host.Face);
        var study = new SeveralFacesStudy(engine, settings.Seed);
        var photos = study.Photos(lfw, settings.Photos);
        var background = new SecondFaceSample[photos.Count];
        ParallelProgress.Run("LFW photos", photos.Count, settings.Parallelism, i => background[i] = study.Background(photos[i]));
        var built = new SecondFaceSample?[settings.Composites];
        ParallelProgress.Run("composites", settings.Composites, settings.Parallelism, i => built[i] = study.Composite(i, background));
        var composites = built.OfType<SecondFaceSample>().ToList();

        var session = host.Face.Session;
        var (grid, without, chosen) = SecondFaceRule.Choose(session, background, composites, settings.Keep);
        var configured = SecondFaceRule.Measure(session.SecondFaceMinRelativeWidth, session.SecondFaceMinScore, session, background, composites);
        var withoutGates = SecondFaceRule.Gates(session, 0, 0);
        var firingToday = background.Where(b => b.Faces?.Fires(withoutGates) == true).Select(b => Point(b)).OfType<SecondFacePoint>().ToList();
        var compositePoints = composites.Select(c => Point(c)).OfType<SecondFacePoint>().ToList();
        var byStyle = Enum.GetValues<OverShoulderStyle>().Select(style =>
        {
            var ofStyle = composites.Where(c => c.Placement!.Style == style).ToList();
            return new StyleRates(
                style.ToString(),
                WilsonInterval.Of(ofStyle.Count(c => c.Faces?.Fires(withoutGates) == true), ofStyle.Count),
                WilsonInterval.Of(ofStyle.Count(c => c.Faces?.Fires(session) == true), ofStyle.Count));
        }).ToList();

        Directory.CreateDirectory(settings.Out);
        var json = Path.Combine(settings.Out, "several-faces.json");
        JsonReport.Write(json, new SeveralFacesReport(
            $"verification evaluate several-faces --photos {settings.Photos} --composites {settings.Composites} --keep {settings.Keep} --seed {settings.Seed}",
            background.Length,
            composites.Count,
            settings.Composites - composites.Count,
            WilsonInterval.Of(composites.Count(c => c.PastedDetected is not null), composites.Count),
            configured,
            without,
            chosen,
            byStyle,
            firingToday,
            compositePoints,
            grid,
            Math.Round(started.Elapsed.TotalSeconds, 1)));
        var png = Path.Combine(settings.Out, "several-faces.png");
        SeveralFacesPlot.Write(png, firingToday, compositePoints, session.SecondFaceMinRelativeWidth, session.SecondFaceMinScore);

        var table = new Table().AddColumns("rule", "LFW photos firing", "composites caught");
        table.AddRow("no second-face limits (before)", Rate(without.BackgroundFiring), Rate(without.CompositesCaught));
        table.AddRow($"configured: width >= {session.SecondFaceMinRelativeWidth:F2}, score >= {session.SecondFaceMinScore:F2}", Rate(configured.BackgroundFiring), Rate(configured.CompositesCaught));
        table.AddRow($"chosen on this run: width >= {chosen.MinRelativeWidth:F2}, score >= {chosen.MinScore:F2}", Rate(chosen.BackgroundFiring), Rate(chosen.CompositesCaught));
        AnsiConsole.Write(table);
        foreach (var style in byStyle)
        {
            AnsiConsole.MarkupLine($"{style.Style}: caught without limits {Rate(style.Without)}, configured {Rate(style.Configured)}");
        }

        AnsiConsole.MarkupLineInterpolated($"wrote [green]{json}[/] and [green]{png}[/] in {started.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static SecondFacePoint? Point(SecondFaceSample sample) =>
        sample.Second is { } second && sample.RelativeWidth is { } relative
            ? new SecondFacePoint(Path.GetFileName(sample.Photo), sample.Placement?.Style.ToString(), Math.Round(relative, 3), Math.Round(second.Score, 3), Math.Round(second.Height, 1))
            : null;

    // Escaped: the interval's brackets would otherwise be read as console markup.
    private static string Rate(WilsonInterval rate) =>
        Markup.Escape($"{rate.Count}/{rate.Total} = {100 * rate.Rate:F1}% [{100 * rate.Low:F1}, {100 * rate.High:F1}]");
}
