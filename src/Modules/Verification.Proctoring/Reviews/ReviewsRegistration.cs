using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Reviews.DecideReviewCase;
using Verification.Proctoring.Reviews.ListReviewCases;

namespace Verification.Proctoring.Reviews;

internal static class ReviewsRegistration
{
    public static void AddReviews(this IServiceCollection services)
    {
        services.AddScoped<DecideReviewCaseHandler>();
    }

    public static void MapReviews(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapListReviewCases();
        endpoints.MapDecideReviewCase();
    }
}
