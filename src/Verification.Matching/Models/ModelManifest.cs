using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Matching.Models;

/// <summary>
/// <c>models/manifest.json</c>: the registry package the face models come from and the SHA-256 of each file used.
/// A model that is missing or differs from its hash is never loaded.
/// </summary>
public sealed record ModelManifest(
    [property: JsonPropertyName("package")] string Package,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("files")] IReadOnlyList<ModelFile> Files)
{
    public const string FileName = "manifest.json";

    public static ModelManifest Load(string modelsDirectory)
    {
        var path = Path.Combine(modelsDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new ModelVerificationException($"The model manifest {path} is missing.");
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<ModelManifest>(stream)
            ?? throw new ModelVerificationException($"The model manifest {path} is empty.");
    }

    /// <summary>Checks every file against its hash; returns the problems, empty when all are good.</summary>
    public IReadOnlyList<string> Verify(string modelsDirectory)
    {
        var problems = new List<string>();
        foreach (var file in Files)
        {
            var path = Path.Combine(modelsDirectory, file.Name);
            if (!File.Exists(path))
            {
                problems.Add($"{file.Name} is missing (run scripts/fetch-models.sh)");
                continue;
            }

            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file.Name} has SHA-256 {actual}, the manifest expects {file.Sha256}");
            }
        }

        return problems;
    }
}

public sealed record ModelFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sha256")] string Sha256);
