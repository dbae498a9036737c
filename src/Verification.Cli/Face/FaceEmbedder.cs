using Verification.Cli.Evaluation;
using Verification.Matching.Face;

namespace Verification.Cli.Face;

/// <summary>Embeds a list of image files with the engine, in parallel, behind a progress bar.</summary>
internal static class FaceEmbedder
{
    /// <summary>
    /// One analysis per path (same order). Gates are off: the matcher is measured alone, on the largest face. A file
    /// with no usable face keeps its rejection and has no embedding: a failure to acquire.
    /// </summary>
    public static FaceAnalysis[] Embed(FaceEngine engine, IReadOnlyList<string> paths, int parallelism, string description)
    {
        var results = new FaceAnalysis[paths.Count];
        var gates = QualityGateSettings.None;
        ParallelProgress.Run(description, paths.Count, parallelism, i =>
        {
            var bytes = File.ReadAllBytes(paths[i]);
            results[i] = engine.Analyze(bytes, gates, AnalysisScope.Embedding);
        });
        return results;
    }
}
