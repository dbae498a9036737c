using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>One test subject's classifier margins (higher = genuine) under the paper and practised-impostor protocols.</summary>
internal sealed record SubjectScores(string Subject, double[] Genuine, double[] PaperImpostors, double[] PractisedImpostors)
{
    public double[] Impostors(ImpostorKind kind) => kind == ImpostorKind.Paper ? PaperImpostors : PractisedImpostors;
}
