using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;
using Verification.Testing;

namespace Verification.Matching.Tests.Face;

/// <summary>One engine for a test class, loaded from the repository's verified models as the Host loads it, with the session levels fixed.</summary>
public sealed class FaceEngineFixture : IDisposable
{
    public FaceEngineFixture()
    {
        // The session choice is measured by SessionChoiceTests; here a fixed level keeps the class's start quick.
        Options = new FaceOptions();
        Options.Sessions.Fix(GraphOptimization.All);
        Engine = FaceEngine.Load(RepositoryPaths.Models, Options);
    }

    public FaceOptions Options { get; }

    public FaceEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}
