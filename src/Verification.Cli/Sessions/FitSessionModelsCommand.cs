using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;
using Verification.Matching.Face;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Research.Sessions;
using Verification.Research.Sessions.Fitting;

namespace Verification.Cli.Sessions;

/// <summary>
/// <c>verification fit session-models</c>: the face and typing score models the session fusion uses, fitted through the
/// service's own frame and typing path on shared data that <c>evaluate sessions</c> does not report on, with the evidence
/// levels chosen for stated operating points; writes models/session-score-models.json and a report with the curves.
/// </summary>
internal sealed class FitSessionModelsCommand : Command<FitSessionModelsSettings>
{
    public override int Execute(CommandContext context, FitSessionModelsSettings settings, CancellationToken cancellationToken)
    {
        var lfw = Path.Combine(settings.Data, "face", "lfw");
        var cmuPath = Path.Combine(settings.Data, "keystroke", CmuKeystrokeData.FileName);
        var targets = new FitTargets(TypingImpostorRate: settings.TypingImpostors, Seed: settings.Seed);
        var host = HostSettingsFile.Read(settings.HostSettings);
        var problems = targets.Problems().Concat(host.Face.Problems()).ToList();
        if (settings.ImpostorChecks is < 1 or > CmuKeystrokeData.TypingsPerSession)
        {
            problems.Add($"--impostor-checks must be 1 to {CmuKeystrokeData.TypingsPerSession}, the typings of one CMU sitting (was {settings.ImpostorChecks}).");
        }

        if (!Directory.Exists(lfw) || !File.Exists(cmuPath))
        {
            problems.Add($"{lfw} or {cmuPath} not found: pass --data with the shared eval-data folder");
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
        var verifier = KeystrokeVerifier.Load(Path.Combine(settings.ModelsDirectory, "keystroke"), host.Keystroke);
        var library = new FrameLibrary(engine, new FrameDegradation());
        var identities = FaceScoreCollection.Identities(lfw, settings.Seed);
        FrameAnalysis.Run(library, identities.SelectMany(i => i.Photos), [FrameVariant.Enrollment], "enrollment photos", settings.Parallelism);
        FrameAnalysis.Run(library, FaceScoreCollection.SessionPhotos(identities, library), [FrameVariant.Session, FrameVariant.SessionDegraded], "session frames", settings.Parallelism);
        var face = FaceScoreCollection.Collect(identities, library, settings.ImpostorIdentities, settings.Seed);
        var cmu = CmuKeystrokeData.Load(cmuPath);
        var typing = TypingScoreCollection.Collect(cmu, verifier, settings.ImpostorChecks, settings.Seed);
        var refinedTyping = TypingScoreCollection.CollectRefined(cmu, verifier, settings.ImpostorChecks, settings.Seed);
        var command = $"verification fit session-models --impostor-identities {settings.ImpostorIdentities} --impostor-checks {settings.ImpostorChecks} --typing-impostors {settings.TypingImpostors} --seed {settings.Seed}";
        var provenance = new ScoreModelsProvenance(
            command,
            "shared eval-data: LFW (face/lfw), CMU keystroke benchmark (keystroke/DSL-StrongPasswordData.csv)",
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            $"LFW identities with {FaceScoreCollection.MinimumPhotos} or {ChimericUsers.MinimumPhotos - 1} photos whose first three accepted photos make a template; their other photos as session frames, plain and degraded ({new FrameDegradation()})",
            face.Identities,
            face.Genuine.Count,
            face.Impostor.Count,
            TypingScoreCollection.Population(refined: false),
            typing.Subjects.Count,
            typing.AllGenuine.Count,
            typing.AllImpostor.Count,
            $"face: disjoint identities (evaluate sessions uses identities with {ChimericUsers.MinimumPhotos} or more photos); typing: the same CMU subjects, disjoint typings (evaluate sessions checks with sessions {ChimericUsers.FirstSessionTypingSession} to 8)");
        var result = SessionModelFit.Fit(
            host.Fusion, face, typing, refinedTyping, targets, SessionPipeline.Version(settings.ModelsDirectory), provenance, TypingScoreCollection.Population(refined: true));
        if (result.Models.Problems() is [var unusable, ..])
        {
            AnsiConsole.MarkupLineInterpolated($"[red]the fitted models are unusable: {unusable}[/]");
            return 1;
        }

        var modelsFile = Path.Combine(settings.ModelsDirectory, SessionScoreModels.FileName);
        if (!settings.DryRun)
        {
            File.WriteAllText(modelsFile, JsonSerializer.Serialize(result.Models, SessionScoreModels.Json) + "\n");
        }

        var json = Path.Combine(settings.Out, "session-models.json");
        JsonReport.Write(json, result);
        var png = Path.Combine(settings.Out, "session-models-face.png");
        SessionModelsPlot.Write(png, Path.Combine(settings.Out, "session-models-typing.png"), result);
        AnsiConsole.MarkupLineInterpolated($"face: {result.Models.FaceOperatingPoint}");
        AnsiConsole.MarkupLineInterpolated($"typing: {result.Models.TypingOperatingPoint}");
        AnsiConsole.MarkupLineInterpolated($"refined typing: {result.Models.RefinedTyping.OperatingPoint}");
        AnsiConsole.MarkupLineInterpolated($"typing refinement at {result.Models.TypingRefinementEvidence} nats: {result.Models.TypingRefinementPoint}");
        AnsiConsole.MarkupLineInterpolated($"refined typing refinement at {result.Models.RefinedTyping.RefinementEvidence} nats: {result.Models.RefinedTyping.RefinementPoint}");
        AnsiConsole.MarkupLineInterpolated($"wrote {(!settings.DryRun ? modelsFile + ", " : "")}[green]{json}[/] and [green]{png}[/] (and -typing.png) in {started.Elapsed.TotalSeconds:F0} s");
        return 0;
    }
}
