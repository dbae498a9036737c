using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Verification.Host.Tests.Architecture;

/// <summary>The boundary rules as functions that list violations, so the tests can also show each rule can fail.</summary>
internal static partial class ModuleRules
{
    public static readonly string[] Schemas = ["proctoring", "certificates", "catalog", "enrollment", "billing", "access", "lti", "audit"];

    /// <summary>Types in <paramref name="assembly"/> that use a type of another module outside its Contracts namespace.</summary>
    public static IReadOnlyList<string> ForeignInternalsUsedBy(Assembly assembly, IEnumerable<Assembly> modules)
    {
        var forbidden = modules
            .Where(m => m != assembly)
            .SelectMany(m => m.GetTypes().Where(t => t.FullName is not null && !IsContract(m, t) && !IsCompilerGenerated(t)).Select(t => t.FullName!))
            .ToArray();
        if (forbidden.Length == 0)
        {
            return [];
        }

        var result = Types.InAssembly(assembly).That().HaveDependencyOnAny(forbidden).GetTypes();
        return [.. result.Select(t => t.FullName ?? t.Name)];
    }

    /// <summary>Lines in a module's SQL (migrations and C# raw strings) that name a schema other than its own.</summary>
    public static IReadOnlyList<string> ForeignSchemasIn(string ownSchema, IEnumerable<(string File, string Text)> sources)
    {
        var violations = new List<string>();
        foreach (var (file, text) in sources)
        {
            foreach (Match match in QualifiedTable().Matches(text))
            {
                var schema = match.Groups["schema"].Value;
                if (schema != ownSchema && Schemas.Contains(schema))
                {
                    violations.Add($"{file}: {match.Value}");
                }
            }
        }

        return violations;
    }

    // Every assembly gets its own copies of helpers such as <>z__ReadOnlyList`1 for collection expressions; same name, not shared.
    private static bool IsCompilerGenerated(Type type) => type.FullName!.StartsWith('<');

    public static bool IsContract(Assembly module, Type type) =>
        type.Namespace?.StartsWith(module.GetName().Name + ".Contracts", StringComparison.Ordinal) == true;

    // A schema-qualified name in SQL: FROM billing.orders, JOIN catalog.courses, INSERT INTO audit.entries ...
    [GeneratedRegex(@"(?<![\w.""])(?<schema>[a-z_]+)\.(?<table>[a-z_]+)\b(?!\()")]
    private static partial Regex QualifiedTable();
}
