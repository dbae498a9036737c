using System.ComponentModel;
using Spectre.Console.Cli;

namespace Verification.Cli.Access;

internal class DatabaseCommandSettings : CommandSettings
{
    [CommandOption("--database <CONNECTION>")]
    [Description("Npgsql connection string of the service's database; default VERIFICATION_DB or ConnectionStrings__Verification.")]
    public string? Database { get; init; }
}
