using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks;
using Verification.Proctoring.Reviews.AppealReviewCase;
using Verification.Proctoring.Reviews.ClaimReviewCase;
using Verification.Proctoring.Reviews.DecideReviewCase;
using Verification.Proctoring.Reviews.GetReviewCase;
using Verification.Proctoring.Reviews.ListReviewCases;
using Verification.Proctoring.Reviews.ReviewEvidence;

namespace Verification.Proctoring.Reviews;

internal static class ReviewsRegistration
{
    public static void AddReviews(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new ReviewSettings();
        configuration.GetSection(ReviewSettings.SectionName).Bind(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new SettingInvalidException($"{ReviewSettings.SectionName}: {string.Join(" ", problems)}");
        }

        services.AddSingleton(settings);
        services.AddSingleton<ReviewQueue>();
        services.AddScoped<DecideReviewCaseHandler>();
        services.AddScoped<ClaimReviewCaseHandler>();
        services.AddScoped<GetReviewCaseHandler>();
        services.AddScoped<AppealReviewCaseHandler>();
        services.AddScoped<ReviewEvidenceImages>();
    }

    /// <summary>The reviewer's routes, on a group the Host's reviewer policy guards.</summary>
    public static void MapReviews(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapListReviewCases();
        endpoints.MapGetReviewCase();
        endpoints.MapClaimReviewCase();
        endpoints.MapDecideReviewCase();
        endpoints.MapReviewEvidence();
    }

    /// <summary>The learner's routes, on the learner's own group.</summary>
    public static void MapLearnerReviews(this IEndpointRouteBuilder learner) => learner.MapAppealReviewCase();
}
