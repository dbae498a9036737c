using System.Security.Cryptography;
using System.Text;

namespace Verification.Access.ApiKeys;

/// <summary>
/// Keys look like <c>vk_{prefix}_{secret}</c>: an 8-character prefix that finds the key and may be shown, and 32 random
/// bytes of secret. Keys have full entropy, so SHA-256 (not a slow password hash) is the right thing to keep.
/// </summary>
internal static class ApiKeyFormat
{
    public const int MaxLength = 128;
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, 8);
        return $"vk_{prefix}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }

    /// <summary>The prefix of a well-formed key, or null.</summary>
    public static string? PrefixOf(string? key)
    {
        if (key is null || key.Length > MaxLength || key.Length < 20 || !key.StartsWith("vk_", StringComparison.Ordinal) || key[11] != '_')
        {
            return null;
        }

        var prefix = key[3..11];
        foreach (var c in prefix)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return prefix;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
