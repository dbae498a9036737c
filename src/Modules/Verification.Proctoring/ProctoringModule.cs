using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
using Verification.Proctoring.Consent;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Privacy;
using Verification.Proctoring.Reviews;
using Verification.Proctoring.Sessions;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring;

public sealed class ProctoringModule : IModule
{
    public string Name => "proctoring";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("proctoring", typeof(ProctoringModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTokens(configuration);
        services.AddConsent();
        services.AddIdentity(configuration);
        services.AddSessions(configuration);
        services.AddReviews();
        services.AddPrivacy();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTokens();
        endpoints.MapConsent();
        endpoints.MapIdentity();
        endpoints.MapSessions();
        endpoints.MapReviews();
        endpoints.MapPrivacy();
    }
}
