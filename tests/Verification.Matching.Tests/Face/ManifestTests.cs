using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;
using Verification.Matching.Models;
using Verification.Testing;

namespace Verification.Matching.Tests.Face;

public sealed class ManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("face-models-").FullName;

    [Fact]
    public void Refuses_to_load_when_a_model_file_differs_from_the_manifest()
    {
        CopyModels();
        var path = Path.Combine(_directory, "fr_eye.onnx");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelVerificationException>(() => FaceEngine.Load(_directory, new FaceOptions()));
        Assert.Contains("fr_eye.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_load_when_a_model_file_is_missing()
    {
        CopyModels();
        File.Delete(Path.Combine(_directory, "fr_pose.onnx"));

        var error = Assert.Throws<ModelVerificationException>(() => FaceEngine.Load(_directory, new FaceOptions()));
        Assert.Contains("fr_pose.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_an_unchanged_copy_of_the_models()
    {
        CopyModels();
        using var engine = FaceEngine.Load(_directory, new FaceOptions { Sessions = new FaceSessionOptions().Fix(GraphOptimization.All) });
        Assert.NotNull(engine.Options);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void CopyModels()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Models))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
    }
}
