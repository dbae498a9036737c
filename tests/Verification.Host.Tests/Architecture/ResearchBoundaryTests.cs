using System.Reflection;
using System.Xml.Linq;
using Verification.Testing;

namespace Verification.Host.Tests.Architecture;

/// <summary>Dataset readers, trainers and evaluation live in Verification.Research, for the CLI and the tests only.</summary>
public sealed class ResearchBoundaryTests
{
    private const string Research = "Verification.Research";

    [Fact]
    public void The_host_loads_no_research_code_directly_or_through_any_reference()
    {
        var reached = AssembliesReachedFrom(typeof(Program).Assembly);

        Assert.DoesNotContain(Research, reached);
        Assert.Contains("Verification.Matching", reached);
    }

    [Fact]
    public void The_host_project_references_no_research_project()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("Verification.Cli", StringComparison.Ordinal) && !p.Contains(Research, StringComparison.Ordinal));

        // Only the CLI (and tests) may reference it; Matching names it once, to let it see Matching's internals.
        var references = projects
            .SelectMany(p => XDocument.Load(p).Descendants("ProjectReference").Select(r => (Project: Path.GetFileName(p), Include: (string?)r.Attribute("Include") ?? "")))
            .Where(r => r.Include.Contains(Research, StringComparison.Ordinal));

        Assert.Empty(references);
    }

    private static HashSet<string> AssembliesReachedFrom(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                // Only the project's own assemblies can reach research code; the framework's are not walked.
                if (name.Name is null || !name.Name.StartsWith("Verification.", StringComparison.Ordinal) || !seen.Add(name.Name))
                {
                    continue;
                }

                pending.Enqueue(Assembly.Load(name));
            }
        }

        return seen;
    }
}
