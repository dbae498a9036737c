using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Verification.BuildingBlocks.Audit;

/// <summary>
/// The chain link over the previous link and the entry's fields, each length-prefixed: HMAC-SHA256 under the audit key,
/// or plain SHA-256 for the entries written before the keyed chain began (migration audit/0002).
/// </summary>
internal static class AuditHash
{
    public const int Size = 32;

    public static byte[] Compute(AuditKey key, ReadOnlySpan<byte> previousHash, Guid id, DateTimeOffset occurredAt, AuditEntry entry)
    {
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);
        return Append(hash, previousHash, id, occurredAt, entry);
    }

    public static byte[] ComputeUnkeyed(ReadOnlySpan<byte> previousHash, Guid id, DateTimeOffset occurredAt, AuditEntry entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Append(hash, previousHash, id, occurredAt, entry);
    }

    private static byte[] Append(IncrementalHash hash, ReadOnlySpan<byte> previousHash, Guid id, DateTimeOffset occurredAt, AuditEntry entry)
    {
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
