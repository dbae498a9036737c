using Verification.Matching.Fusion;

namespace Verification.Matching.Tests.Fusion;

/// <summary>Options after fitted models of the shipped file's shape, with refined typing values unlike the enrollment's, so a swap shows.</summary>
internal static class FittedFusionOptions
{
    public static FusionOptions Create()
    {
        var options = new FusionOptions();
        options.Apply(new SessionScoreModels(
            "test", null!, new NormalScoreModel(0.67, 0.15), new NormalScoreModel(0, 0.09), -6, "",
            new NormalScoreModel(1.7, 1.2), new NormalScoreModel(-1.4, 1.9), -7, 8, "",
            new RefinedTypingModels("", 0, 0, new NormalScoreModel(2.4, 1.1), new NormalScoreModel(-1.2, 2), -3, "", 0.5, ""), 2, ""));
        return options;
    }
}
