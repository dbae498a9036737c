using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Verification.BuildingBlocks.Migrations;

/// <summary>The migrations a module embeds under <c>Migrations/NNNN_name.sql</c>, in version order.</summary>
public sealed partial record ModuleMigrations(string Module, IReadOnlyList<Migration> Migrations)
{
    public static ModuleMigrations FromAssembly(string module, Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration {resource} cannot be read.");
            using var reader = new StreamReader(stream);
            var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            migrations.Add(new Migration(module, version, match.Groups["name"].Value, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Module {module} has two migrations numbered {migrations[i].Version}.");
            }
        }

        return new ModuleMigrations(module, migrations);
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationResourceName();
}
