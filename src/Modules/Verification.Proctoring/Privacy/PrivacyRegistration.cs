using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Privacy.EraseLearnerData;
using Verification.Proctoring.Privacy.ExportLearnerData;

namespace Verification.Proctoring.Privacy;

/// <summary>The learner's own export and erasure (DESIGN.md, Privacy).</summary>
internal static class PrivacyRegistration
{
    public static void AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<ExportLearnerDataHandler>();
        services.AddSingleton<EraseLearnerDataHandler>();
    }

    public static void MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapExportLearnerData();
        endpoints.MapEraseLearnerData();
    }
}
