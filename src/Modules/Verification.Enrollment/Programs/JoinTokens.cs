using System.Security.Cryptography;
using System.Text;

namespace Verification.Enrollment.Programs;

/// <summary>Invitation tokens: random, sent only in the mail (whose body the outbox empties once sent), kept only as a SHA-256 hash.</summary>
internal static class JoinTokens
{
    public static (string Token, byte[] Hash) Create()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
