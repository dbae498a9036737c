using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertificateServiceClient;

/// <summary>
/// A VC-JWT (header.payload.signature, base64url) checked against a JWKS: the header's <c>kid</c> names a P-256 key,
/// <c>alg</c> is ES256, and the signature (r‖s, 64 bytes) verifies over "header.payload" with SHA-256.
/// </summary>
internal static class VcJwt
{
    private const string EnvelopePrefix = "data:application/vc+jwt,";

    /// <summary>The JWT of a downloaded <c>EnvelopedVerifiableCredential</c> file, or the file itself when it is a bare JWT.</summary>
    public static string FromFile(string text)
    {
        text = text.Trim();
        if (!text.StartsWith('{'))
        {
            return text;
        }

        using var envelope = JsonDocument.Parse(text);
        var id = envelope.RootElement.GetProperty("id").GetString() ?? "";
        if (envelope.RootElement.GetProperty("type").GetString() != "EnvelopedVerifiableCredential" || !id.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
        {
            throw new FormatException("not an EnvelopedVerifiableCredential with a data:application/vc+jwt id");
        }

        return id[EnvelopePrefix.Length..];
    }

    /// <summary>The payload when the signature verifies, else null with the reason.</summary>
    public static JsonDocument? Verify(string jwt, JsonElement jwks, out string reason)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            reason = "not a JWT (three dot-separated parts)";
            return null;
        }

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        var kid = header.RootElement.TryGetProperty("kid", out var k) ? k.GetString() : null;
        if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "ES256")
        {
            reason = "the header's alg is not ES256";
            return null;
        }

        var key = jwks.GetProperty("keys").EnumerateArray().FirstOrDefault(j => j.TryGetProperty("kid", out var id) && id.GetString() == kid);
        if (key.ValueKind != JsonValueKind.Object || key.GetProperty("kty").GetString() != "EC" || key.GetProperty("crv").GetString() != "P-256")
        {
            reason = $"no P-256 key with kid {kid} in the JWKS";
            return null;
        }

        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(key.GetProperty("x").GetString()), Y = Base64Url.DecodeFromChars(key.GetProperty("y").GetString()) },
        });
        var signature = Base64Url.DecodeFromChars(parts[2]);
        if (!ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256))
        {
            reason = $"the ES256 signature does not verify with key {kid}";
            return null;
        }

        reason = $"ES256 signature verified with key {kid}";
        return JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
    }
}
