using Spectre.Console.Cli;
using Verification.Cli.Face;

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
    });
});
return await app.RunAsync(args);
