using System.Buffers.Binary;
using System.Text;

namespace Verification.Matching.Keystroke;

/// <summary>
/// A learner's typing profile for one phrase, built from enrollment samples and refined by the typing checks of sessions
/// that ended Verified (<see cref="Refine"/>). It keeps the feature vectors (the nearest-neighbour detector needs them),
/// enrollment first, refinements after in the order typed, and rebuilds the detector state from them when loaded.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class KeystrokeProfile
{
    /// <summary>
    /// Enrollment samples the proctoring flow should collect. The operating point in configuration was measured with
    /// 10 (the CMU protocol's N = 10); fewer make the per-feature spreads too noisy to calibrate.
    /// </summary>
    public const int MinimumEnrollmentSamples = 10;

    /// <summary>Standard deviations need two samples; only evaluation and tests build profiles this small.</summary>
    internal const int MinimumSamplesToBuild = 2;

    /// <summary>
    /// Typings from verified sessions a profile keeps, the most recent (four sessions of nine checks and part of a
    /// fifth): enough to follow a learner's typing as it settles, few enough that one session an impostor got through
    /// stays a minority beside them.
    /// </summary>
    public const int MaximumRefinementSamples = 40;

    private const uint Magic = 0x3150_4B56; // "VKP1" little-endian
    private const byte FormatVersion1 = 1;
    private const byte FormatVersion = 2;

    private KeystrokeProfile(string phrase, double[] rows, int count, int featureCount, int enrollmentCount)
    {
        Phrase = phrase;
        Model = new ProfileModel(rows, count, featureCount);
        Enrollment = EnrollmentStatistics.Measure(Model);
        EnrollmentCount = enrollmentCount;
    }

    public string Phrase { get; }

    public int SampleCount => Model.Count;

    /// <summary>The typings of the enrollment, always the profile's first rows and never dropped.</summary>
    public int EnrollmentCount { get; }

    /// <summary>Whether verified sessions' typings were added: such a profile has its own fitted score model and level.</summary>
    public bool IsRefined => SampleCount > EnrollmentCount;

    public int FeatureCount => Model.FeatureCount;

    internal ProfileModel Model { get; }

    internal EnrollmentStatistics Enrollment { get; }

    /// <summary>Builds a profile; every sample must be of <paramref name="phrase"/> and there must be at least <see cref="MinimumEnrollmentSamples"/>.</summary>
    public static KeystrokeProfile Build(string phrase, IReadOnlyList<KeystrokeSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < MinimumEnrollmentSamples)
        {
            throw new ArgumentException($"A keystroke profile needs at least {MinimumEnrollmentSamples} samples; {samples.Count} were given.", nameof(samples));
        }

        return BuildUnchecked(phrase, samples);
    }

    internal static KeystrokeProfile BuildUnchecked(string phrase, IReadOnlyList<KeystrokeSample> samples)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        if (samples.Count < MinimumSamplesToBuild)
        {
            throw new ArgumentException($"A keystroke profile needs at least {MinimumSamplesToBuild} samples.", nameof(samples));
        }

        var p = samples[0].Features.Length;
        var rows = new double[samples.Count * p];
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (!string.Equals(sample.Phrase, phrase, StringComparison.Ordinal) || sample.Features.Length != p)
            {
                throw new ArgumentException($"Sample {i} is not a typing of the profile's phrase.", nameof(samples));
            }

            sample.Features.CopyTo(rows.AsSpan(i * p, p));
        }

        return new KeystrokeProfile(phrase, rows, samples.Count, p, samples.Count);
    }

    /// <summary>
    /// The profile with a verified session's typings added after the earlier ones; past <see cref="MaximumRefinementSamples"/>
    /// the oldest refinements give way, the enrollment never does.
    /// </summary>
    public KeystrokeProfile Refine(IReadOnlyList<KeystrokeSample> verifiedTypings)
    {
        ArgumentNullException.ThrowIfNull(verifiedTypings);
        var p = FeatureCount;
        foreach (var sample in verifiedTypings)
        {
            if (!string.Equals(sample.Phrase, Phrase, StringComparison.Ordinal) || sample.Features.Length != p)
            {
                throw new ArgumentException("A typing to refine with is not of the profile's phrase.", nameof(verifiedTypings));
            }
        }

        var refinements = Math.Min(SampleCount - EnrollmentCount + verifiedTypings.Count, MaximumRefinementSamples);
        var kept = Model.Rows.AsSpan(EnrollmentCount * p, (SampleCount - EnrollmentCount) * p);
        var fromNew = Math.Min(verifiedTypings.Count, refinements);
        var fromKept = refinements - fromNew;
        var rows = new double[(EnrollmentCount + refinements) * p];
        Model.Rows.AsSpan(0, EnrollmentCount * p).CopyTo(rows);
        kept[(kept.Length - (fromKept * p))..].CopyTo(rows.AsSpan(EnrollmentCount * p));
        for (var i = 0; i < fromNew; i++)
        {
            verifiedTypings[verifiedTypings.Count - fromNew + i].Features.CopyTo(rows.AsSpan((EnrollmentCount + fromKept + i) * p, p));
        }

        return new KeystrokeProfile(Phrase, rows, EnrollmentCount + refinements, p, EnrollmentCount);
    }

    /// <summary>Profile bytes for storage (encrypt them: they are biometric data).</summary>
    public byte[] ToBytes()
    {
        var phrase = Encoding.UTF8.GetBytes(Phrase);
        var rows = Model.Rows;
        var bytes = new byte[4 + 1 + 4 + phrase.Length + 4 + 4 + 4 + (rows.Length * sizeof(double))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], phrase.Length);
        phrase.CopyTo(span[9..]);
        var at = 9 + phrase.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], SampleCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4)..], FeatureCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[(at + 8)..], EnrollmentCount);
        at += 12;
        foreach (var value in rows)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], value);
            at += sizeof(double);
        }

        return bytes;
    }

    /// <summary>
    /// Reads bytes written by <see cref="ToBytes"/>, or by the first format (no refinements: every row is enrollment);
    /// throws <see cref="FormatException"/> on anything else.
    /// </summary>
    public static KeystrokeProfile FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 17 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic || bytes[4] is not (FormatVersion1 or FormatVersion))
        {
            throw new FormatException("Not a keystroke profile of a known format.");
        }

        var phraseLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[5..]);
        if (phraseLength <= 0 || phraseLength > bytes.Length - 17)
        {
            throw new FormatException("The keystroke profile's phrase length is corrupt.");
        }

        var phrase = Encoding.UTF8.GetString(bytes.Slice(9, phraseLength));
        var at = 9 + phraseLength;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        var p = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]);
        at += 8;
        var enrollmentCount = count;
        if (bytes[4] == FormatVersion)
        {
            enrollmentCount = bytes.Length - at >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]) : -1;
            at += 4;
        }

        if (count < MinimumSamplesToBuild || p <= 0 || enrollmentCount < MinimumSamplesToBuild || enrollmentCount > count
            || at > bytes.Length || (long)count * p * sizeof(double) != bytes.Length - at)
        {
            throw new FormatException("The keystroke profile's size fields do not match its length.");
        }

        var rows = new double[count * p];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at + (i * sizeof(double)))..]);
        }

        return new KeystrokeProfile(phrase, rows, count, p, enrollmentCount);
    }

    internal static KeystrokeProfile FromRows(string phrase, double[] rows, int count, int featureCount) =>
        new(phrase, rows, count, featureCount, count);
}
