using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>A CMU typing replayed as the browser events the player sends, read by the service's own reader.</summary>
public static class ReplayedTyping
{
    public static KeystrokeSample Sample(CmuKeystrokeRow row)
    {
        var read = KeystrokeSampleReader.Read(CmuKeystrokeData.Phrase, CmuKeystrokeData.ToEvents(row));
        return read.Sample ?? throw new InvalidDataException($"CMU row {row.Subject}/{row.SessionIndex}/{row.Rep} is refused: {read.Rejection?.Code}");
    }
}
