using Verification.Cli.Evaluation;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>Analyses the photos a command needs, in the variants it needs, in parallel behind a progress bar.</summary>
internal static class FrameAnalysis
{
    public static void Run(FrameLibrary library, IEnumerable<string> photos, FrameVariant[] variants, string description, int parallelism)
    {
        foreach (var photo in photos)
        {
            foreach (var variant in variants)
            {
                library.Need(photo, variant);
            }
        }

        var first = library.Prepare();
        ParallelProgress.Run(description, library.Count - first, parallelism, i => library.Analyse(first + i));
    }
}
