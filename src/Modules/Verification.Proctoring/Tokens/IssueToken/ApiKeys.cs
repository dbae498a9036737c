using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Verification.Proctoring.Tokens.IssueToken;

/// <summary>
/// The course platforms' API keys, configured as the hex SHA-256 of each key under <c>Proctoring:ApiKeys:{name}</c>,
/// so neither the configuration nor a memory dump holds a usable key.
/// </summary>
internal sealed class ApiKeys
{
    public const string SectionName = "Proctoring:ApiKeys";
    private readonly (string Name, byte[] Hash)[] _keys;

    public ApiKeys(IConfiguration configuration)
    {
        var keys = new List<(string, byte[])>();
        foreach (var entry in configuration.GetSection(SectionName).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                continue;
            }

            byte[] hash;
            try
            {
                hash = Convert.FromHexString(entry.Value.Trim());
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"{SectionName}:{entry.Key} must be the hex SHA-256 of the key.", ex);
            }

            if (hash.Length != SHA256.HashSizeInBytes)
            {
                throw new InvalidOperationException($"{SectionName}:{entry.Key} must be the hex SHA-256 of the key (64 hex digits).");
            }

            keys.Add((entry.Key, hash));
        }

        _keys = [.. keys];
    }

    /// <summary>The name of the key, or null when <paramref name="presented"/> matches none.</summary>
    public string? Identify(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        foreach (var (name, expected) in _keys)
        {
            // Every key is compared, so timing does not tell which configured key came close.
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = name;
            }
        }

        return match;
    }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
