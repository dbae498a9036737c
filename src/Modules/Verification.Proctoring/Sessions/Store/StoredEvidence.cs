using System.Text.Json;
using Verification.Matching.Fusion;
using Verification.Proctoring.Sessions.AnswerTyping;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>
/// The session evidence kept (encrypted) with the verdict: the flags, typing evidence too weak to flag, and the
/// free-text evidence of the text answers. Sessions ended before weak typing evidence was kept hold a bare array of
/// flags, which still reads.
/// </summary>
internal sealed record StoredEvidence(IReadOnlyList<SessionFlag> Flags, WeakTypingEvidence? WeakTyping, SessionFreeText? FreeText = null)
{
    public static StoredEvidence Of(SessionVerdict verdict, SessionFreeText? freeText = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new StoredEvidence(verdict.Flags, verdict.WeakTyping, freeText);
    }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static StoredEvidence Read(ReadOnlySpan<byte> json)
    {
        var trimmed = json.TrimStart(" \t\r\n"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'[')
        {
            return new StoredEvidence(JsonSerializer.Deserialize<List<SessionFlag>>(trimmed) ?? [], null);
        }

        return JsonSerializer.Deserialize<StoredEvidence>(trimmed) ?? new StoredEvidence([], null);
    }
}
