using Spectre.Console.Cli;
using Verification.Cli.Face;
using Verification.Cli.Keystroke;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("verification");
    config.AddBranch("evaluate", evaluate =>
    {
        evaluate.SetDescription("Measure the matching core on public evaluation data.");
        evaluate.AddCommand<EvaluateFaceCommand>("face").WithDescription("Face verification error rates on an LFW-style pairs file.");
        evaluate.AddCommand<EvaluateFaceQualityCommand>("face-quality").WithDescription("Quality measurements and liveness of every image in a folder.");
        evaluate.AddCommand<EvaluateFaceTemplateCommand>("face-template").WithDescription("Multi-frame templates against single frames on LFW identities.");
        evaluate.AddCommand<EvaluateLivenessCommand>("liveness").WithDescription("Presentation-attack detection (APCER, BPCER) on a labelled spoof set.");
        evaluate.AddCommand<EvaluateKeystrokeCommand>("keystroke")
            .WithDescription("Keystroke detectors and fusion on the CMU benchmark (Killourhy & Maxion 2009 protocol) and the Aalto free-text subset.");
    });
    config.AddBranch("train", train =>
    {
        train.SetDescription("Train the models the project makes itself.");
        train.AddCommand<TrainKeystrokeCommand>("keystroke")
            .WithDescription("Train the keystroke fusion classifier on the CMU benchmark and write models/keystroke.");
    });
});
return await app.RunAsync(args);
