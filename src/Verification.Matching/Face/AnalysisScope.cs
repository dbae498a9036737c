namespace Verification.Matching.Face;

/// <summary>Which models run after detection. Evaluations ask only for what they measure; the public API runs all.</summary>
[Flags]
internal enum AnalysisScope
{
    Embedding = 1,
    Liveness = 2,
    Quality = 4,
    All = Embedding | Liveness | Quality,
}
