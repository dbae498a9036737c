using Verification.Cli.Load;
using Spectre.Console.Cli;
using Verification.Cli.Face;
using Verification.Cli.Keystroke;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("verification");
    config.AddCommand<LoadTestCommand>("load-test").WithDescription("Simulated course players against a Host on this machine: frame-to-result latency and shedding.");
    config.AddBranch("evaluate", evaluate =>
    {
        evaluate.SetDescription("Measure the matching core on public evaluation data.");
        evaluate.AddCommand<EvaluateFaceCommand>("face").WithDescription("Face verification error rates on an LFW-style pairs file.");
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
