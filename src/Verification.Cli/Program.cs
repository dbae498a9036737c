using Verification.Cli.Load;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("verification");
    config.AddCommand<LoadTestCommand>("load-test").WithDescription("Simulated course players against a Host on this machine: frame-to-result latency and shedding.");
    config.AddBranch("evaluate", evaluate =>
    {
        evaluate.SetDescription("Measure the matching core on public evaluation data.");
    });
    config.AddBranch("train", train =>
    {
        train.SetDescription("Train the models the project makes itself.");
    });
});
return await app.RunAsync(args);
