using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// A <see cref="FreeTextProfile"/> as stored (encrypted) by the service: its alphabet, key presses and the count, mean
/// and squared deviations of each timing. No key order and no text, only these sums.
/// </summary>
public static class FreeTextProfileBytes
{
    public static byte[] ToBytes(FreeTextProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var stored = new Stored(1, profile.Alphabet, profile.Keystrokes, [.. profile.Timings.Select(t => new StoredTiming(t.Feature, t.Count, t.Mean, t.SquaredDeviations))]);
        return JsonSerializer.SerializeToUtf8Bytes(stored);
    }

    /// <exception cref="InvalidDataException">The bytes are not a profile this version wrote.</exception>
    public static FreeTextProfile FromBytes(ReadOnlySpan<byte> bytes)
    {
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(bytes);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The stored free-text profile is not readable.", ex);
        }

        if (stored is null || stored.Version != 1 || stored.Timings is null)
        {
            throw new InvalidDataException("The stored free-text profile is of an unknown format.");
        }

        try
        {
            return FreeTextProfile.Restore(stored.Alphabet, stored.Keystrokes, stored.Timings.Select(t => new TimingStatistics(t.F, t.N, t.M, t.S)));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("The stored free-text profile holds values no profile could have.", ex);
        }
    }

    private sealed record Stored(
        [property: JsonPropertyName("v")] int Version,
        [property: JsonPropertyName("a")] int Alphabet,
        [property: JsonPropertyName("k")] int Keystrokes,
        [property: JsonPropertyName("t")] StoredTiming[]? Timings);

    private sealed record StoredTiming(int F, int N, double M, double S);
}
