using System.Diagnostics;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// A frame waiting for analysis. <paramref name="Image"/> is the array the hub protocol deserialised, held by reference:
/// it is never copied, and the evidence window keeps the same array. <paramref name="Caller"/> is the trace of the hub call
/// that brought it, so its analysis and store appear under that call.
/// </summary>
internal sealed record QueuedFrame(int Frame, byte[] Image, DateTimeOffset ReceivedAt, long ReceivedTimestamp, ActivityContext Caller = default)
{
    public ReadOnlySpan<byte> Bytes => Image;
}
