using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Verification.BuildingBlocks.Audit;

/// <summary>The chain link: SHA-256 over the previous link and the entry's fields, each length-prefixed.</summary>
internal static class AuditHash
{
    public const int Size = 32;

    public static byte[] Compute(ReadOnlySpan<byte> previousHash, Guid id, DateTimeOffset occurredAt, AuditEntry entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        Span<byte> scratch = stackalloc byte[16];
        id.TryWriteBytes(scratch);
        hash.AppendData(scratch);
        // PostgreSQL keeps microseconds, so the hash must not see the ticks it would drop.
        BinaryPrimitives.WriteInt64BigEndian(scratch, (occurredAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        hash.AppendData(scratch[..8]);
        AppendText(hash, entry.Actor);
        AppendText(hash, entry.Action);
        AppendText(hash, entry.Subject);
        AppendText(hash, entry.Data);
        return hash.GetHashAndReset();
    }

    private static void AppendText(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
