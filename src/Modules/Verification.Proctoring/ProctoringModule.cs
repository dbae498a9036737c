using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
using Verification.Proctoring.Consent;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Privacy;
using Verification.Proctoring.Privacy.Retention;
using Verification.Proctoring.Reviews;
using Verification.Proctoring.Sessions;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring;

public sealed class ProctoringModule : IModule
{
    public string Name => "proctoring";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("proctoring", typeof(ProctoringModule).Assembly);

    public IReadOnlyList<SealedColumn> SealedColumns => MasterKeyColumns.All;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<LearnerTokens>();
        services.AddConsent();
        services.AddIdentity(configuration);
        services.AddSessions(configuration);
        services.AddReviews(configuration);
        services.AddPrivacy(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // Everything under a learner's own route needs that learner's enrollment token (the Host's Learner policy).
        var learner = endpoints.MapGroup("/api/v1/learners/{learnerId:guid}").RequireAuthorization(AccessPolicies.Learner);
        learner.MapConsent();
        learner.MapIdentity();
        learner.MapPrivacy();
        learner.MapLearnerReviews();
        endpoints.MapSessions();
        endpoints.MapRetentionPage();
        endpoints.MapGroup("/api/v1/review-cases").RequireAuthorization(AccessPolicies.Reviewer).AuditsRefusals("review").MapReviews();
    }
}
