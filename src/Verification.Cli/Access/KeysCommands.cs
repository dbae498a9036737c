using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Access.Contracts;

namespace Verification.Cli.Access;

internal sealed class CreateKeySettings : DatabaseCommandSettings
{
    [CommandOption("--partner <PARTNER_ID>")]
    [Description("The catalog's partner id the key belongs to.")]
    public Guid Partner { get; init; }

    [CommandOption("--scopes <SCOPES>")]
    [Description("Comma-separated scopes, e.g. tokens:mint,identity:read.")]
    public string Scopes { get; init; } = "";

    [CommandOption("--name <NAME>")]
    public string Name { get; init; } = "API key";
}

/// <summary><c>verification keys create</c>: prints the key once; the service keeps only its hash.</summary>
internal sealed class CreateKeyCommand : AsyncCommand<CreateKeySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CreateKeySettings settings, CancellationToken cancellationToken)
    {
        var scopes = settings.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await AccessServices.SendAsync(settings.Database, m => m.Send(new CreateApiKey(settings.Partner, scopes, settings.Name, "cli"), cancellationToken));
        if (result.Created is not { } created)
        {
            Console.Error.WriteLine($"No key created: {result.Error}.");
            return 2;
        }

        Console.WriteLine($"key id  {created.KeyId}");
        Console.WriteLine($"prefix  {created.Prefix}");
        Console.WriteLine($"scopes  {string.Join(',', created.Scopes)}");
        Console.WriteLine($"key     {created.Key}");
        Console.WriteLine("The key is shown only now: keep it in the partner's secret store.");
        return 0;
    }
}

internal sealed class ListKeysSettings : DatabaseCommandSettings
{
    [CommandOption("--partner <PARTNER_ID>")]
    public Guid? Partner { get; init; }
}

/// <summary><c>verification keys list</c>: prefix, scopes, created, last used, revoked; never a key.</summary>
internal sealed class ListKeysCommand : AsyncCommand<ListKeysSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ListKeysSettings settings, CancellationToken cancellationToken)
    {
        var keys = await AccessServices.SendAsync(settings.Database, m => m.Send(new ListApiKeys(settings.Partner), cancellationToken));
        var table = new Table().AddColumns("key id", "partner", "prefix", "scopes", "created", "last used", "revoked");
        foreach (var key in keys)
        {
            table.AddRow(
                key.KeyId.ToString(), key.PartnerId.ToString(), key.Prefix, string.Join(',', key.Scopes), key.CreatedAt.ToString("u"),
                key.LastUsedAt?.ToString("u") ?? "never", key.RevokedAt?.ToString("u") ?? "");
        }

        AnsiConsole.Write(table);
        return 0;
    }
}

internal sealed class RevokeKeySettings : DatabaseCommandSettings
{
    [CommandArgument(0, "<KEY_ID>")]
    public Guid KeyId { get; init; }
}

internal sealed class RevokeKeyCommand : AsyncCommand<RevokeKeySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RevokeKeySettings settings, CancellationToken cancellationToken)
    {
        if (!await AccessServices.SendAsync(settings.Database, m => m.Send(new RevokeApiKey(settings.KeyId, "cli"), cancellationToken)))
        {
            Console.Error.WriteLine($"No key {settings.KeyId}.");
            return 2;
        }

        Console.WriteLine($"Revoked {settings.KeyId}.");
        return 0;
    }
}
