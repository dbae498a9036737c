using Verification.Matching.Face;
using Verification.Testing;

namespace Verification.Matching.Tests.Face;

/// <summary>One engine for a test class, loaded from the repository's verified models as the Host loads it.</summary>
public sealed class FaceEngineFixture : IDisposable
{
    public FaceEngineFixture()
    {
        Options = new FaceOptions();
        Engine = FaceEngine.Load(RepositoryPaths.Models, Options);
    }

    public FaceOptions Options { get; }

    public FaceEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}
