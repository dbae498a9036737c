using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Outbox;
using Verification.Lti.AssessmentControl;
using Verification.Lti.Contracts;
using Verification.BuildingBlocks.Modules;
using Verification.Lti.Launch;
using Verification.Lti.Launch.EndAssessment;
using Verification.Lti.Launch.StartProctoring;
using Verification.Lti.Login;
using Verification.Lti.Platforms;
using Verification.Lti.Platforms.ListPlatforms;
using Verification.Lti.Platforms.RegisterPlatform;
using Verification.Lti.Policies;
using Verification.Lti.Policies.SetPolicy;
using Verification.Lti.StartAssessment;
using Verification.Lti.ToolConfiguration;
using Verification.Lti.ToolKeys;

namespace Verification.Lti;

/// <summary>
/// The tool side of LTI 1.3 Proctoring Services: partners' LMS registrations, the tool's keys, OIDC login and the
/// validated launch. Other modules are reached through their contracts only.
/// </summary>
public sealed class LtiModule : IModule
{
    public string Name => "lti";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("lti", typeof(LtiModule).Assembly);

    /// <summary>The tool's private keys are sealed under the master key: a master-key rotation re-wraps them.</summary>
    public IReadOnlyList<SealedColumn> SealedColumns { get; } = [new("LTI tool signing keys", "lti.tool_keys", "private_key", "private_key_key_id")];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        AddStores(services, configuration);
        services.AddHostedService<ToolKeyStartup>();
        services.AddSingleton<LoginStateStore>();
        services.AddSingleton<LaunchValidator>();
        services.AddSingleton<PlatformKeys>();
        services.AddScoped<LtiIdentities>();
        services.AddScoped<StartProctoringHandler>();
        services.AddScoped<EndAssessmentHandler>();
        services.AddSingleton<StartAssessmentMessage>();
        services.AddSingleton<PreExamControl>();
        services.AddSingleton<StartAssessmentService>();
        services.AddSingleton<AcsAccessTokens>();
        services.AddHttpClient(AcsAccessTokens.ClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        // Each ACS call goes to one partner's platform: one that is away or refuses must not hold another's flags.
        services.AddOutbox(OutboxTable.Independent("lti", [typeof(AcsFlagRequested)], new OutboxRetry(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24))));
        services.AddHttpClient(PlatformKeys.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
    }

    /// <summary>What the CLI needs as well as the Host.</summary>
    internal static void AddStores(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LtiSettings>().Bind(configuration.GetSection(LtiSettings.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LtiSettings>>().Value);
        services.AddSingleton<ToolKeyStore>();
        services.AddSingleton<PlatformStore>();
        services.AddScoped<RegisterPlatformHandler>();
        services.AddSingleton<PolicyStore>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRegisterPlatform();
        endpoints.MapListPlatforms();
        endpoints.MapToolConfiguration();
        endpoints.MapInitiateLogin();
        endpoints.MapLaunch();
        endpoints.MapStartAssessment();
        endpoints.MapStartAssessmentPage();
        endpoints.MapExamToken();
        endpoints.MapPolicies();
    }
}
