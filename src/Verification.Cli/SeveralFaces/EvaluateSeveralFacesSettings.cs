using System.ComponentModel;
using Spectre.Console.Cli;
using Verification.Cli.Face;

namespace Verification.Cli.SeveralFaces;

internal sealed class EvaluateSeveralFacesSettings : FaceEngineSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The shared evaluation data: face/lfw under it.")]
    public string Data { get; init; } = "../shared/eval-data";

    [CommandOption("--out <DIR>")]
    [Description("Folder for several-faces.json and several-faces.png.")]
    public string Out { get; init; } = "out/several-faces";

    [CommandOption("--host-settings <FILE>")]
    [Description("The Host's appsettings.json: its Matching:Face:Session gates are the ones measured.")]
    public string HostSettings { get; init; } = "src/Verification.Host/appsettings.json";

    [CommandOption("--photos <N>")]
    [Description("LFW photos studied for background faces (seeded order), also the pool of learners and second persons.")]
    public int Photos { get; init; } = 2000;

    [CommandOption("--composites <N>")]
    [Description("Composite frames with a second person over the shoulder (plain, occluded and blurred in turn).")]
    public int Composites { get; init; } = 900;

    [CommandOption("--keep <SHARE>")]
    [Description("Share of the composites caught without second-face limits that the chosen rule must still catch.")]
    public double Keep { get; init; } = 0.99;

    [CommandOption("--seed <N>")]
    [Description("Seed for the photos, pairs and placements.")]
    public int Seed { get; init; } = 17;

    public IEnumerable<string> Problems()
    {
        if (Photos < 100)
        {
            yield return "--photos must be at least 100.";
        }

        if (Composites < 30)
        {
            yield return "--composites must be at least 30.";
        }

        if (!(Keep is > 0 and <= 1))
        {
            yield return "--keep must be in (0, 1].";
        }
    }
}
