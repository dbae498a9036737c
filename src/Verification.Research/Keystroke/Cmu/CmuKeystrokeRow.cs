using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>One row of the CMU benchmark: subject, session (1–8), repetition (1–50) and the 31 timings in seconds.</summary>
public sealed record CmuKeystrokeRow(string Subject, int SessionIndex, int Rep, IReadOnlyList<double> Timings);
