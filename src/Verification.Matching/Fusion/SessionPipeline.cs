using System.Globalization;
using System.Security.Cryptography;
using Verification.Matching.Models;

namespace Verification.Matching.Fusion;

/// <summary>
/// The version of everything that turns a frame or a typing into the scores the session fusion models: the face model
/// files (by their manifest), the keystroke model and its calibration, and <see cref="Revision"/> for the code in
/// between (alignment, quality gates, embedding, feature extraction). Fitted session score models name the version they
/// were fitted on; a different version means they are stale and must be refitted (<c>verification fit session-models</c>).
/// </summary>
public static class SessionPipeline
{
    /// <summary>Bump with any change to how frames or typings become scores that the model files do not show.</summary>
    /// <remarks>2: typing profiles refined by verified sessions, scored under their own fitted model.</remarks>
    public const int Revision = 2;

    private static readonly string[] KeystrokeFiles = ["model.zip", "calibration.json"];

    public static string Version(string modelsDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(Path.Combine(modelsDirectory, ModelManifest.FileName)));
        foreach (var file in KeystrokeFiles)
        {
            hash.AppendData(File.ReadAllBytes(Path.Combine(modelsDirectory, "keystroke", file)));
        }

        var digest = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return string.Create(CultureInfo.InvariantCulture, $"r{Revision}-{digest}");
    }
}
