using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.Proctoring.Privacy.EraseLearnerData;
using Verification.Proctoring.Privacy.ExportLearnerArchive;
using Verification.Proctoring.Privacy.ExportLearnerData;
using Verification.Proctoring.Privacy.Retention;

namespace Verification.Proctoring.Privacy;

/// <summary>The learner's own export and erasure, and the retention schedule with its job (DESIGN.md, Privacy).</summary>
internal static class PrivacyRegistration
{
    public static void AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionSettings>().Bind(configuration.GetSection(RetentionSettings.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetentionSettings>>().Value);
        services.AddSingleton<RetentionSchedule>();
        services.AddSingleton<TrackEndedTemplates>();
        services.AddSingleton<RetentionEnforcer>();
        services.AddHostedService<RetentionJob>();
        services.AddSingleton<ExportLearnerDataHandler>();
        services.AddSingleton<ExportLearnerArchiveHandler>();
        services.AddSingleton<LearnerErasure>();
        services.AddSingleton<EraseLearnerDataHandler>();
    }

    public static void MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapExportLearnerData();
        endpoints.MapExportLearnerArchive();
        endpoints.MapEraseLearnerData();
    }
}
