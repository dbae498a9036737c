using Verification.BuildingBlocks;

namespace Verification.Host.Startup;

/// <summary>
/// The demo switch <c>Demo:Seed</c>: seeds the demo partner, course, learner and reviewer and maps
/// <c>POST /api/v1/demo/tokens</c>, which signs anyone in as the demo learner. Off unless set; refused in Production.
/// </summary>
internal static class DemoMode
{
    public const string Setting = "Demo:Seed";

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue(Setting, false);

    public static void EnsureAllowed(IHostEnvironment environment, IConfiguration configuration)
    {
        if (environment.IsProduction() && IsOn(configuration))
        {
            throw new SettingInvalidException(
                $"{Setting} is on in the Production environment: the demo signs anyone in as the demo learner. " +
                $"Remove {Setting} (Demo__Seed) or run the demo with ASPNETCORE_ENVIRONMENT=Development.");
        }
    }
}
