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
    });
});
return await app.RunAsync(args);
