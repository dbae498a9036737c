using Microsoft.Extensions.Configuration;
using Npgsql;
using Spectre.Console.Cli;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Database;

namespace Verification.Cli.Audit;

/// <summary>
/// <c>verification audit verify</c>: recomputes the audit chain with the key, as the Host would, and names the first bad
/// entry. Reads the database and the key from the environment the Host uses (<c>VERIFICATION_DB</c>, <c>Audit__Key</c>),
/// so the key never appears on a command line. Exit code 0: intact; 1: broken; 2: cannot check.
/// </summary>
internal sealed class VerifyAuditCommand : AsyncCommand<VerifyAuditCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        AuditChainReport report;
        try
        {
            var key = AuditKey.FromConfiguration(configuration);
            var connectionString = DatabaseSettings.ReadConnectionString(configuration);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new DatabaseUnavailableException("No database is configured. " + DatabaseSettings.SettingHint);
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await DatabaseProbe.EnsureReachableAsync(dataSource, cancellationToken);
            report = await new AuditChainVerifier(dataSource, key).VerifyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is SettingInvalidException or DatabaseUnavailableException or ArgumentException)
        {
            Console.WriteLine("audit verify cannot run: " + ex.Message);
            return 2;
        }

        var summary = $"{report.EntriesChecked} entries ({report.UnkeyedEntries} from before the keyed chain), head #{report.HeadSequence} {report.HeadHash}";
        if (report.FirstBreak is not { } first)
        {
            Console.WriteLine("audit chain intact: " + summary);
            return 0;
        }

        Console.WriteLine($"audit chain broken: first bad entry #{first.Sequence} ({Describe(first.Kind)}); {report.Breaks.Count} break(s); {summary}");
        foreach (var b in report.Breaks)
        {
            Console.WriteLine($"  #{b.Sequence} {Describe(b.Kind)}");
        }

        return 1;
    }

    private static string Describe(AuditChainBreakKind kind) => kind switch
    {
        AuditChainBreakKind.Modified => "modified: its fields or link no longer match its HMAC",
        AuditChainBreakKind.Missing => "missing",
        AuditChainBreakKind.OutOfOrder => "out of order: it does not follow the entry before it",
        AuditChainBreakKind.NotKeyed => "not keyed: the chain ends without the cut-over entry",
        _ => kind.ToString(),
    };
}
