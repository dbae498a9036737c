using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CertificateServiceClient;

/// <summary>
/// <c>Webhook-Signature: v1=&lt;hex HMAC-SHA256(secret, "&lt;Webhook-Timestamp&gt;.&lt;raw body&gt;")&gt;</c>, compared in
/// constant time; a timestamp further than <see cref="Tolerance"/> from now is refused (a replayed capture).
/// </summary>
internal static class WebhookSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Null when genuine and fresh, else the reason.</summary>
    public static string? Check(byte[] secret, string? timestamp, string? signature, byte[] body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "Webhook-Timestamp missing or not Unix seconds";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return $"Webhook-Timestamp {seconds} is more than {Tolerance.TotalMinutes} minutes from now";
        }

        if (signature is null || !signature.StartsWith("v1=", StringComparison.Ordinal))
        {
            return "Webhook-Signature missing or not v1=<hex>";
        }

        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed)));
        var given = Encoding.ASCII.GetBytes(signature[3..]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "Webhook-Signature does not match the secret";
    }
}
