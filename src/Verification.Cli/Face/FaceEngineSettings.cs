using System.ComponentModel;
using Spectre.Console.Cli;
using Verification.Matching.Face;
using Verification.Matching.Face.Alignment;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Inference;

namespace Verification.Cli.Face;

/// <summary>Where the models are and which pipeline variant to measure; the defaults are the kept pipeline.</summary>
internal class FaceEngineSettings : CommandSettings
{
    [CommandOption("--models <DIR>")]
    [Description("Folder with manifest.json and the .onnx files (default: models/ of the repository).")]
    public string? Models { get; init; }

    [CommandOption("--parallel <N>")]
    [Description("Frames analysed at once (default: processor count).")]
    public int? Parallel { get; init; }

    [CommandOption("--det-order <ORDER>")]
    [Description("Detector plane order: bgr (kept) or rgb.")]
    public string? DetectorOrder { get; init; }

    [CommandOption("--feat-order <ORDER>")]
    [Description("Embedding plane order: rgb or bgr.")]
    public string? EmbeddingOrder { get; init; }

    [CommandOption("--live-order <ORDER>")]
    [Description("Liveness plane order: bgr or rgb.")]
    public string? LivenessOrder { get; init; }

    [CommandOption("--flip <BOOL>")]
    [Description("Average the embeddings of the face and its mirror image: true or false.")]
    public bool? Flip { get; init; }

    [CommandOption("--nms <MODE>")]
    [Description("iou (score-ordered IoU, kept) or js (the package's y2-ordered variant).")]
    public string? Nms { get; init; }

    [CommandOption("--align <MODE>")]
    [Description("sim5 (least-squares similarity, kept) or affine3 (the package's 3-point affine).")]
    public string? Align { get; init; }

    [CommandOption("--select <MODE>")]
    [Description("Face picked when several: largest or central.")]
    public string? Select { get; init; }

    public int Parallelism => Parallel ?? Environment.ProcessorCount;

    public string ModelsDirectory => Models ?? RepositoryModels();

    public FacePipelineVariant Variant()
    {
        var d = FacePipelineVariant.Default;
        return d with
        {
            DetectorPlanes = Planes(DetectorOrder, d.DetectorPlanes),
            EmbeddingPlanes = Planes(EmbeddingOrder, d.EmbeddingPlanes),
            LivenessPlanes = Planes(LivenessOrder, d.LivenessPlanes),
            FlipAugmentation = Flip ?? d.FlipAugmentation,
            Nms = Nms switch
            {
                null => d.Nms,
                "iou" => NmsMode.ScoreIou,
                "js" => NmsMode.JavaScript,
                _ => throw new ArgumentException("--nms is iou or js"),
            },
            Alignment = Align switch
            {
                null => d.Alignment,
                "sim5" => AlignmentMode.Similarity5,
                "affine3" => AlignmentMode.Affine3,
                _ => throw new ArgumentException("--align is sim5 or affine3"),
            },
            Selection = Select switch
            {
                null => d.Selection,
                "largest" => FaceSelection.Largest,
                "central" => FaceSelection.MostCentral,
                _ => throw new ArgumentException("--select is largest or central"),
            },
        };
    }

    public static string Describe(FacePipelineVariant v) =>
        $"det={v.DetectorPlanes} feat={v.EmbeddingPlanes} live={v.LivenessPlanes} flip={v.FlipAugmentation} nms={v.Nms} align={v.Alignment} select={v.Selection}";

    private static PlaneOrder Planes(string? value, PlaneOrder fallback) => value switch
    {
        null => fallback,
        "bgr" => PlaneOrder.Bgr,
        "rgb" => PlaneOrder.Rgb,
        _ => throw new ArgumentException("plane order is bgr or rgb"),
    };

    private static string RepositoryModels()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", "manifest.json");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        return Path.GetFullPath("models");
    }
}
