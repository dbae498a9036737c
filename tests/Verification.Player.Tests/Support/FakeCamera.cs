using System.Diagnostics;

namespace Verification.Player.Tests.Support;

/// <summary>
/// A .y4m video for Chromium's fake camera, built with ffmpeg from face photos: each photo scaled and padded to 640×480
/// and held a second, with light temporal noise so that no two frames are identical (a frozen camera is a flag).
/// Chromium loops the file.
/// </summary>
internal static class FakeCamera
{
    public static async Task<string> BuildAsync(IReadOnlyList<string> photos, string outputFile)
    {
        var frames = Path.Combine(Path.GetDirectoryName(outputFile)!, Path.GetFileNameWithoutExtension(outputFile) + "-frames");
        Directory.CreateDirectory(frames);
        for (var i = 0; i < photos.Count; i++)
        {
            File.Copy(photos[i], Path.Combine(frames, $"frame_{i:D3}.jpg"), overwrite: true);
        }

        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList =
            {
                "-y", "-loglevel", "error", "-framerate", "1", "-i", Path.Combine(frames, "frame_%03d.jpg"),
                "-vf", "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0x808080,noise=alls=3:allf=t,fps=5",
                "-pix_fmt", "yuv420p", outputFile,
            },
        };
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg could not be started.");
        var errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0 || !File.Exists(outputFile))
        {
            throw new InvalidOperationException($"ffmpeg failed ({ffmpeg.ExitCode}): {await errors}");
        }

        return outputFile;
    }
}
