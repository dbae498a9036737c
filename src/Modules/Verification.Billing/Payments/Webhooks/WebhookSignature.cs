using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verification.Billing.Payments.Webhooks;

/// <summary>
/// The local provider's webhook signature, shaped like Stripe's: header <c>Verification-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where v1 is HMAC-SHA256 over <c>"{t}.{body}"</c> with the shared secret. The timestamp is signed, so an old
/// delivery cannot be made fresh, and one older than the tolerance is refused.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "Verification-Signature";

    public static string Sign(string secret, long timestamp, string body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";

    public static WebhookCheck Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + 64 && IsHex(part.AsSpan(3)))
            {
                signatures.Add(Convert.FromHexString(part.AsSpan(3)));
            }
        }

        if (timestamp is not { } ts || signatures.Count == 0)
        {
            return WebhookCheck.Malformed;
        }

        var expected = Mac(secret, ts, body);
        if (!signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)))
        {
            return WebhookCheck.SignatureMismatch;
        }

        return Math.Abs(now.ToUnixTimeSeconds() - ts) > tolerance.TotalSeconds ? WebhookCheck.TimestampOutsideTolerance : WebhookCheck.Valid;
    }

    private static byte[] Mac(string secret, long timestamp, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body));

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

internal enum WebhookCheck
{
    Valid,
    Malformed,
    SignatureMismatch,
    TimestampOutsideTolerance,
}
