using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Reviewers;
using Verification.Proctoring.Reviewers.SignIn;
using Verification.Proctoring.Reviews.DecideReviewCase;
using Verification.Proctoring.Reviews.ListReviewCases;

namespace Verification.Proctoring.Reviews;

internal static class ReviewsRegistration
{
    public static void AddReviews(this IServiceCollection services)
    {
        services.AddReviewerAuth();
        services.AddScoped<DecideReviewCaseHandler>();
    }

    public static void MapReviews(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReviewerSignIn();
        endpoints.MapListReviewCases();
        endpoints.MapDecideReviewCase();
    }
}
