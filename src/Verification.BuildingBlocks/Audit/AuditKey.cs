using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Verification.BuildingBlocks.Audit;

/// <summary>
/// The HMAC key of the audit chain, from <c>Audit:Key</c> (base64, at least 32 bytes). It never enters the database:
/// whoever can write the tables but lacks the key cannot forge a link that verifies.
/// </summary>
public sealed class AuditKey
{
    public const string Setting = "Audit:Key";
    public const int MinimumBytes = 32;

    private readonly byte[] _key;

    public AuditKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"The audit key must be at least {MinimumBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    internal ReadOnlySpan<byte> Bytes => _key;

    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    public static AuditKey FromConfiguration(IConfiguration configuration)
    {
        var value = configuration[Setting];
        const string Hint = "Set it to at least 32 random bytes in base64 (./run.sh generates one into .data/keys.env; " +
            "head -c 32 /dev/urandom | base64), as Audit__Key in the environment. Keep it outside the database and keep it: " +
            "the chain written under one key verifies only with that key.";
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SettingInvalidException($"{Setting} is not set. {Hint}");
        }

        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), bytes, out var length))
        {
            throw new SettingInvalidException($"{Setting} is not base64. {Hint}");
        }

        if (length < MinimumBytes)
        {
            throw new SettingInvalidException($"{Setting} holds {length} bytes; it needs at least {MinimumBytes}. {Hint}");
        }

        return new AuditKey(bytes.AsSpan(0, length));
    }
}
