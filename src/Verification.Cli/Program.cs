using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("verification");
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
