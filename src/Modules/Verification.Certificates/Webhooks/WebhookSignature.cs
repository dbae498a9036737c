using System.Security.Cryptography;
using System.Text;

namespace Verification.Certificates.Webhooks;

/// <summary>
/// <c>Webhook-Signature: v1=&lt;hex HMAC-SHA256(secret, "{timestamp}.{body}")&gt;</c> with <c>Webhook-Timestamp</c>
/// (Unix seconds): a receiver recomputes it, compares in constant time and refuses old timestamps.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "Webhook-Signature";
    public const string TimestampHeader = "Webhook-Timestamp";
    public const string IdHeader = "Webhook-Id";

    public static string Sign(byte[] secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static bool IsValid(byte[] secret, string? timestamp, string body, string? signature) =>
        long.TryParse(timestamp, out var seconds) && signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
}
