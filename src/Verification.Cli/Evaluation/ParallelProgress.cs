using Spectre.Console;

namespace Verification.Cli.Evaluation;

/// <summary>Runs work over many items in parallel behind one Spectre.Console progress bar.</summary>
internal static class ParallelProgress
{
    public static void Run(string description, int count, int parallelism, Action<int> work)
    {
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: count);
                var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(parallelism, 1) };
                Parallel.For(0, count, options, i =>
                {
                    work(i);
                    task.Increment(1);
                });
            });
    }
}
