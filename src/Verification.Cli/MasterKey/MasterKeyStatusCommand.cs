using Spectre.Console;
using Spectre.Console.Cli;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Database;

namespace Verification.Cli.MasterKey;

/// <summary>
/// <c>verification master-key status</c>: per sealed column, how many ciphertexts are under the active master key and
/// how many still under a retired one. Exit code 0: nothing left under a retired key (it can leave configuration);
/// 1: a rotation is still to finish; 2: cannot check.
/// </summary>
internal sealed class MasterKeyStatusCommand : AsyncCommand<MasterKeyStatusCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var (dataSource, rotation) = await MasterKeySetup.OpenAsync(cancellationToken);
            await using (dataSource)
            {
                var statuses = await rotation.StatusAsync(cancellationToken);
                var table = new Table().AddColumns("data class", "column", "under active key", "under retired keys");
                foreach (var status in statuses)
                {
                    table.AddRow(
                        Markup.Escape(status.Column.DataClass), $"{status.Column.Table}.{status.Column.Column}",
                        status.UnderActiveKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        status.UnderRetiredKeys.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(table);
                var remaining = statuses.Sum(s => s.UnderRetiredKeys);
                Console.WriteLine(remaining == 0
                    ? $"master key {rotation.ActiveKeyId}: every ciphertext is under it; retired keys can leave configuration"
                    : $"master key {rotation.ActiveKeyId}: {remaining} ciphertexts still under retired keys; run `verification master-key rotate` or let the Host finish");
                return remaining == 0 ? 0 : 1;
            }
        }
        catch (Exception ex) when (ex is SettingInvalidException or DatabaseUnavailableException)
        {
            Console.WriteLine("master-key status cannot run: " + ex.Message);
            return 2;
        }
    }
}
