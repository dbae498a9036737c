using Verification.Matching.Face;

namespace Verification.Research.Sessions;

/// <summary>One photo as the engine saw it, with the bytes it was given (the session code measures brightness and freezes on them).</summary>
public sealed record AnalysedFrame(FaceAnalysis Analysis, byte[] Image);
