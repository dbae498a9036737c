using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>A CMU subject's samples in typing order (session, then repetition), each replayed through the reader.</summary>
internal sealed record CmuSubject(string Name, KeystrokeSample[] Samples, int[] Sessions, int[] Reps)
{
    /// <summary>
    /// The repetitions the fusion classifier never trains on: session 1 reps 1–5 are the paper's impostor samples
    /// (a classifier that learns "novice" from them scores EER 0.117 without any profile), and session 5 reps 1–5 are
    /// the practised-impostor protocol's impostor samples.
    /// </summary>
    public bool IsReservedForTesting(int index) => (Sessions[index] == 1 || Sessions[index] == 5) && Reps[index] <= 5;
}
