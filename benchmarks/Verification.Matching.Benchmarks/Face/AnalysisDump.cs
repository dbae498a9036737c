using System.Globalization;
using System.Text;
using OpenCvSharp;
using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// <c>-- --dump FILE [people]</c>: every output of the engine (box, embedding, liveness, quality, refusal) on the
/// benchmark frames and on LFW photos, as they are and placed at a 640×480 frame's corner, written with round-trip
/// floats. Two dumps from before and after a change to the pre/post-processing must be byte-identical.
/// </summary>
internal static class AnalysisDump
{
    public static void Write(string root, string path, int people)
    {
        var options = new FaceOptions();
        options.Sessions.Fix(GraphOptimization.All);
        using var engine = FaceEngine.Load(Path.Combine(root, "models"), options);
        var text = new StringBuilder();
        Add(text, engine, options, "benchmark", BenchmarkFrame.Create(root));
        Add(text, engine, options, "benchmark-blurred", BenchmarkFrame.CreateBlurred(root));
        var lfw = Path.Combine(root, "..", "shared", "eval-data", "face", "lfw");
        foreach (var folder in Directory.GetDirectories(lfw).Order(StringComparer.Ordinal).Take(people))
        {
            var file = Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).First();
            var bytes = File.ReadAllBytes(file);
            Add(text, engine, options, Path.GetFileName(file), bytes);
            using var photo = Cv2.ImDecode(bytes, ImreadModes.Color);
            using var canvas = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 100, 110));
            using (var roi = new Mat(canvas, new Rect(0, 480 - photo.Height, photo.Width, photo.Height)))
            {
                photo.CopyTo(roi);
            }

            Cv2.ImEncode(".jpg", canvas, out var corner, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
            Add(text, engine, options, Path.GetFileName(file) + "@corner", corner);
        }

        File.WriteAllText(path, text.ToString());
        Console.WriteLine($"dump: {text.Length} characters to {path}");
    }

    private static void Add(StringBuilder text, FaceEngine engine, FaceOptions options, string name, byte[] jpeg)
    {
        foreach (var (gatesName, gates) in (IEnumerable<(string, QualityGateSettings)>)[("enrollment", options.Enrollment), ("session", options.Session)])
        {
            var a = engine.Analyze(jpeg, gates);
            var q = a.Quality;
            text.Append(CultureInfo.InvariantCulture, $"{name} {gatesName} {a.Rejection?.Code ?? "accepted"} found={a.FacesFound} face={a.Face} ");
            text.Append(CultureInfo.InvariantCulture, $"live={R(a.Liveness)} bright={R(q?.Brightness)} sharp={R(q?.Sharpness)} yaw={R(q?.Yaw)} pitch={R(q?.Pitch)} roll={R(q?.Roll)} ");
            text.Append(CultureInfo.InvariantCulture, $"eyes={R(q?.LeftEyeClosed)},{R(q?.RightEyeClosed)} others={string.Join(";", a.OtherFaces)}\n");
            text.Append("  emb=").AppendJoin(',', (a.Embedding ?? []).Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
    }

    private static string R(float? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
