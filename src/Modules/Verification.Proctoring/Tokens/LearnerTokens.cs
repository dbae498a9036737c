using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Verification.Proctoring.Tokens;

/// <summary>
/// Short-lived learner tokens: a JSON payload and its HMAC-SHA256, both base64url, joined by a dot. Minted by the
/// course platform's backend (with its API key) or the demo sign-in; checked by the hub and the enrollment API.
/// </summary>
internal sealed class LearnerTokens
{
    public const string SigningKeySetting = "Proctoring:TokenSigningKey";
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public LearnerTokens(IConfiguration configuration, TimeProvider time)
    {
        var configured = configuration[SigningKeySetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new Verification.BuildingBlocks.SettingInvalidException($"{SigningKeySetting} is not set: configure the base64 of at least 32 random bytes.");
        }

        _key = Convert.FromBase64String(configured);
        if (_key.Length < 32)
        {
            throw new Verification.BuildingBlocks.SettingInvalidException($"{SigningKeySetting} must hold at least 32 bytes.");
        }

        _time = time;
    }

    public string Issue(Guid learnerId, Guid courseId, string? assessmentId, LearnerTokenPurpose purpose, TimeSpan lifetime, int attempt = 1)
    {
        var payload = new Payload(learnerId, courseId, assessmentId, purpose, _time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds(), attempt, Guid.NewGuid());
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        return Base64Url.EncodeToString(body) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, body));
    }

    /// <summary>The claims of a genuine, unexpired token; null for a forged, altered, malformed or expired one.</summary>
    public LearnerTokenClaims? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            var body = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, body)))
            {
                return null;
            }

            var payload = JsonSerializer.Deserialize<Payload>(body);
            if (payload is null || DateTimeOffset.FromUnixTimeSeconds(payload.Exp) <= _time.GetUtcNow())
            {
                return null;
            }

            return new LearnerTokenClaims(payload.Sub, payload.Crs, payload.Asm, payload.Pur, DateTimeOffset.FromUnixTimeSeconds(payload.Exp), payload.Att, payload.Jti);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Payload(Guid Sub, Guid Crs, string? Asm, LearnerTokenPurpose Pur, long Exp, int Att, Guid Jti);
}
