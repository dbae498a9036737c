using System.ComponentModel;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Cli.MasterKey;

/// <summary>
/// <c>verification master-key rotate</c>: re-wraps every ciphertext still under a retired master key under
/// <c>Encryption__ActiveKeyId</c>, with a progress bar, while the Host keeps serving (the Host's own background job
/// does the same work; both can run at once). Stopped anywhere, it is simply run again. Exit code 0: done;
/// 1: rows remained (held by writers: run again); 2: cannot run.
/// </summary>
internal sealed class RotateMasterKeyCommand : AsyncCommand<RotateMasterKeyCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--batch-size <ROWS>")]
        [Description("Rows re-wrapped per transaction.")]
        public int BatchSize { get; init; } = MasterKeyRotation.DefaultBatchSize;

        [CommandOption("--pause <MILLISECONDS>")]
        [Description("Pause between batches, to go easy on a busy database.")]
        public int PauseMilliseconds { get; init; }

        public override ValidationResult Validate() =>
            BatchSize is < 1 or > 10_000 ? ValidationResult.Error("--batch-size must be between 1 and 10000")
            : PauseMilliseconds < 0 ? ValidationResult.Error("--pause must not be negative")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var (dataSource, rotation) = await MasterKeySetup.OpenAsync(cancellationToken);
            await using (dataSource)
            {
                var total = await rotation.RemainingAsync(cancellationToken);
                var changed = 0L;
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"re-wrapping under {Markup.Escape(rotation.ActiveKeyId)}", maxValue: Math.Max(total, 1));
                        changed = await rotation.RewrapAllAsync(
                            new Progress<int>(n => task.Increment(n)), settings.BatchSize, TimeSpan.FromMilliseconds(settings.PauseMilliseconds), cancellationToken);
                        task.Value = task.MaxValue;
                    });
                var remaining = await rotation.RemainingAsync(cancellationToken);
                Console.WriteLine(remaining == 0
                    ? $"rotation complete: re-wrapped {changed} ciphertexts; every ciphertext is under master key {rotation.ActiveKeyId}"
                    : $"rotation incomplete: re-wrapped {changed} ciphertexts; {remaining} held by writers remain: run again");
                return remaining == 0 ? 0 : 1;
            }
        }
        catch (Exception ex) when (ex is SettingInvalidException or DatabaseUnavailableException or NpgsqlException or DecryptionFailedException)
        {
            Console.WriteLine("master-key rotate stopped: " + ex.Message + " Rows already re-wrapped stay so; run it again to finish.");
            return 2;
        }
    }
}
