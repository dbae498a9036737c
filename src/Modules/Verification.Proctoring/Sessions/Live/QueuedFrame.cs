namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// A frame waiting for analysis. <paramref name="Image"/> is the array the hub protocol deserialised, held by reference:
/// it is never copied, and the evidence window keeps the same array.
/// </summary>
internal sealed record QueuedFrame(int Frame, byte[] Image, DateTimeOffset ReceivedAt, long ReceivedTimestamp)
{
    public ReadOnlySpan<byte> Bytes => Image;
}
