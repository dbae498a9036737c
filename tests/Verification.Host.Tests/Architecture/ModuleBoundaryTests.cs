using System.Reflection;
using Mediator;
using NetArchTest.Rules;
using Verification.Testing;

namespace Verification.Host.Tests.Architecture;

public sealed class ModuleBoundaryTests
{
    private static readonly Assembly[] Modules =
    [
        typeof(Verification.Proctoring.ProctoringModule).Assembly,
        typeof(Verification.Certificates.CertificatesModule).Assembly,
        typeof(Verification.Catalog.CatalogModule).Assembly,
        typeof(Verification.Enrollment.EnrollmentModule).Assembly,
        typeof(Verification.Billing.BillingModule).Assembly,
        typeof(Verification.Access.AccessModule).Assembly,
        typeof(Verification.Lti.LtiModule).Assembly,
    ];

    public static TheoryData<string> ModuleNames => [.. Modules.Select(m => m.GetName().Name!)];

    private static Assembly ModuleNamed(string name) => Modules.Single(m => m.GetName().Name == name);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_uses_other_modules_only_through_their_contracts(string module)
    {
        Assert.Empty(ModuleRules.ForeignInternalsUsedBy(ModuleNamed(module), Modules));
    }

    [Fact]
    public void The_contracts_rule_fails_for_code_that_reaches_into_module_internals()
    {
        // The Host wires every module's internals (their IModule classes), so the same rule applied to it must object.
        var violations = ModuleRules.ForeignInternalsUsedBy(typeof(Program).Assembly, Modules);

        Assert.Contains(violations, v => v.Contains("ModuleCatalog", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_names_no_other_schema_in_its_sql(string module)
    {
        var schema = module["Verification.".Length..].ToLowerInvariant();
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Modules", module);
        var sources = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(RepositoryPaths.Root, f), File.ReadAllText(f)));

        Assert.Empty(ModuleRules.ForeignSchemasIn(schema, sources));
    }

    [Fact]
    public void The_schema_rule_fails_for_sql_that_joins_another_modules_table()
    {
        var violations = ModuleRules.ForeignSchemasIn("certificates", [("Sample.cs", "SELECT * FROM certificates.certificates c JOIN billing.orders o ON o.learner_id = c.learner_id")]);

        Assert.Equal(["Sample.cs: billing.orders"], violations);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Only_contracts_module_entry_points_and_routed_handlers_are_public(string module)
    {
        var assembly = ModuleNamed(module);
        var exposed = assembly.GetExportedTypes()
            .Where(t => !ModuleRules.IsContract(assembly, t))
            .Where(t => !typeof(Verification.BuildingBlocks.Modules.IModule).IsAssignableFrom(t))
            .Where(t => !IsRoutedHandler(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(exposed);
    }

    [Fact]
    public void The_matching_core_references_no_aspnet_database_or_module()
    {
        var result = Types.InAssembly(typeof(Verification.Matching.Models.ModelManifest).Assembly)
            .ShouldNot()
            .HaveDependencyOnAny(["Microsoft.AspNetCore", "Npgsql", "Dapper", "Verification.BuildingBlocks", .. Modules.Select(m => m.GetName().Name!)])
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    private static bool IsRoutedHandler(Type type) => type.GetInterfaces().Any(i => i.IsGenericType && (
        i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>) ||
        i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>) ||
        i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) ||
        i.GetGenericTypeDefinition() == typeof(INotificationHandler<>)));
}
