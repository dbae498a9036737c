using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;
using Verification.Matching.Face;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>
/// <c>verification evaluate sessions</c>: whole sessions of chimeric users (LFW face × CMU typing) replayed through the
/// real face engine, keystroke verifier and session evidence, with the Host's configured options; writes sessions.json
/// and sessions.png. Deterministic for a seed.
/// </summary>
internal sealed class EvaluateSessionsCommand : Command<EvaluateSessionsSettings>
{
    private static readonly SessionKind[] Kinds = Enum.GetValues<SessionKind>();

    /// <summary>Aalto sentences that build each paired participant's free-text profile (about 345 key presses), as in evaluate freetext.</summary>
    private const int FreeTextSessionEnrollment = 7;

    /// <summary>The protocol of the free-text model fitted for the run: 'fit freetext-model''s defaults.</summary>
    private static readonly FreeTextProtocol FreeTextModelProtocol = new(FreeTextSessionEnrollment, FreeTextProtocol.DefaultAmounts, 30, 17);

    public override int Execute(CommandContext context, EvaluateSessionsSettings settings, CancellationToken cancellationToken)
    {
        var lfw = Path.Combine(settings.Data, "face", "lfw");
        var cmu = Path.Combine(settings.Data, "keystroke", CmuKeystrokeData.FileName);
        var host = HostSettingsFile.Read(settings.HostSettings, settings.ModelsDirectory);
        var setup = new SessionSetup(settings.Frames, settings.SwapAfter, settings.TypingChecks ?? host.Fusion.TypingChecksPerSession, TimeSpan.FromSeconds(settings.FrameSeconds));
        var problems = setup.Problems().Concat(host.Face.Problems()).Concat(host.Fusion.Coverage.Problems()).Concat(host.ScoreModelProblems).ToList();
        if (settings.EarlierSessionImpostor && !settings.EarlierSession)
        {
            problems.Add("--earlier-session-impostor needs --earlier-session");
        }

        if (!Directory.Exists(lfw) || !File.Exists(cmu))
        {
            problems.Add($"{lfw} or {cmu} not found: pass --data with the shared eval-data folder");
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
        var identities = ChimericUsers.Identities(lfw, settings.Seed);
        var degradation = new FrameDegradation();
        using var engine = FaceEngine.Load(settings.ModelsDirectory, host.Face);
        var verifier = KeystrokeVerifier.Load(Path.Combine(settings.ModelsDirectory, "keystroke"), host.Keystroke);
        var library = new FrameLibrary(engine, degradation);
        FrameAnalysis.Run(library, identities.SelectMany(i => i.Photos), [FrameVariant.Enrollment], "enrollment photos", settings.Parallelism);
        var users = ChimericUsers.Build(identities, CmuKeystrokeData.Load(cmu), settings.Users, settings.Seed, photos => EnrolledUser.CanEnroll(photos, library));
        var refused = identities.TakeWhile(i => i.Name != users[^1].Identity).Count(i => !EnrolledUser.CanEnroll(i.Photos, library));
        FrameAnalysis.Run(library, users.SelectMany(u => u.Photos), [FrameVariant.Session, FrameVariant.SessionDegraded], "session frames", settings.Parallelism);
        var enrolled = users.Select(u => EnrolledUser.Enroll(u, library))
            .Select((e, i) => !settings.EarlierSession ? e
                : e.AfterEarlierSession(verifier, host.Fusion, settings.EarlierSessionImpostor ? users[ChimericUsers.OtherThan(users, i, settings.Seed)] : e.User))
            .ToList();
        // Decided from the photos before any session runs, so the population cannot depend on how sessions end.
        var exclusions = enrolled.Select(e => OneFaceCriterion.Exclusion(e, setup, library)).ToList();
        var aalto = Path.Combine(settings.Data, "keystroke", "aalto136m-subset", "keystrokes");
        // Fitted here on the participants who type no session, never read from models/: a model fitted on Aalto is for
        // evaluation only (its licence).
        var freeText = settings.FreeTextKeystrokes <= 0 ? null : FreeTextTypists.Load(
            [.. AaltoClassTyping.LoadAll(aalto)], others => FreeTextModelFit.FitOnAalto(others, FreeTextModelProtocol), FreeTextSessionEnrollment, settings.FreeTextKeystrokes, enrolled.Count);
        var simulator = new SessionSimulator(library, verifier, host.Fusion, setup, freeText);
        var outcomes = new List<SessionOutcome>();
        ParallelProgress.Run("replaying sessions", enrolled.Count, 1, i =>
        {
            // Another enrolled user, chosen by seed, stands in for every impostor kind of this learner's sessions.
            var other = enrolled[ChimericUsers.OtherThan(users, i, settings.Seed)];
            foreach (var kind in Kinds)
            {
                outcomes.Add(simulator.Run(enrolled[i], other, kind, SessionSeed(settings.Seed, i, kind)));
            }
        });

        var summaries = Kinds.Select(k => SessionKindSummary.Of(k, [.. outcomes.Where(o => o.Kind == k)], setup)).ToList();
        var oneFace = new[] { SessionKind.Honest, SessionKind.HonestDegraded }
            .Select(k => OneFaceSummary.Of(k, [.. outcomes.Where(o => o.Kind == k)], exclusions, setup)).ToList();
        var tradeOff = TypingTradeOff.Measure(outcomes, host.Fusion, setup.TypingChecks);
        Directory.CreateDirectory(settings.Out);
        var json = Path.Combine(settings.Out, "sessions.json");
        JsonReport.Write(json, new SessionsReport(
            $"verification evaluate sessions --users {settings.Users} --frames {settings.Frames} --swap-after {settings.SwapAfter} --typing-checks {setup.TypingChecks} --frame-seconds {settings.FrameSeconds}{(settings.EarlierSession ? " --earlier-session" : "")}{(settings.EarlierSessionImpostor ? " --earlier-session-impostor" : "")}{(freeText is null ? "" : $" --freetext-keystrokes {freeText.Keystrokes} (free-text model fitted in-process on the {freeText.ModelParticipants} Aalto participants who type no session, as '{FreeTextModelFit.Command(FreeTextModelProtocol)}')")} --seed {settings.Seed}",
            enrolled.Count,
            enrolled.Count(e => e.Typing.IsRefined),
            refused,
            enrolled.Count(e => !(e.IdPhotoScore >= host.Face.MatchThreshold)),
            setup,
            degradation.ToString(),
            host.Fusion,
            summaries,
            oneFace,
            tradeOff,
            Math.Round(started.Elapsed.TotalSeconds, 1)));
        var png = Path.Combine(settings.Out, "sessions.png");
        SessionsPlot.Write(png, summaries);
        var tradeOffPng = Path.Combine(settings.Out, "sessions-typing-tradeoff.png");
        TypingTradeOffPlot.Write(tradeOffPng, tradeOff, host.Fusion.TypingMismatchEvidence);
        SessionsTable.Write(summaries);
        SessionsTable.WriteOneFace(oneFace);
        AnsiConsole.MarkupLineInterpolated($"wrote [green]{json}[/], [green]{png}[/] and [green]{tradeOffPng}[/] in {started.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    // Not HashCode.Combine: it is randomised per process, and the report must be the same on every run.
    private static int SessionSeed(int seed, int user, SessionKind kind) => unchecked((seed * 7919) + (user * Kinds.Length) + (int)kind) & int.MaxValue;
}
