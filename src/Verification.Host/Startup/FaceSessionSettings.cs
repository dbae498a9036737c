using Verification.BuildingBlocks;
using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;

namespace Verification.Host.Startup;

/// <summary>Reads <c>Matching:Face:Sessions</c> before anything loads a model, so a mistyped level stops the start with one line.</summary>
internal static class FaceSessionSettings
{
    public const string SectionName = FaceOptions.SectionName + ":Sessions";

    public static FaceSessionOptions Verify(IConfiguration configuration)
    {
        var sessions = new FaceSessionOptions();
        try
        {
            configuration.GetSection(SectionName).Bind(sessions);
        }
        catch (InvalidOperationException ex)
        {
            throw new SettingInvalidException(
                $"{ex.Message} {SectionName}:<Model>:GraphOptimizationLevel takes one of {string.Join(", ", Enum.GetNames<GraphOptimization>())}; " +
                $"models: {string.Join(", ", Enum.GetNames<FaceModelKind>())}.", ex);
        }

        var problems = sessions.Validate(SectionName);
        if (problems.Count > 0)
        {
            throw new SettingInvalidException(string.Join(" ", problems));
        }

        return sessions;
    }
}
