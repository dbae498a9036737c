namespace Verification.Proctoring.Sessions.Live;

/// <summary>A frame waiting for analysis; the bytes are rented and returned once analysed or shed.</summary>
internal sealed record QueuedFrame(int Frame, byte[] Buffer, int Length, DateTimeOffset ReceivedAt, long ReceivedTimestamp)
{
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);
}
