using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Matching.Face;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Identity.CompleteEnrollment;
using Verification.Proctoring.Identity.GetEnrollmentStatus;
using Verification.Proctoring.Identity.UploadEnrollmentFrame;
using Verification.Proctoring.Identity.UploadIdPhoto;
using Verification.Proctoring.Identity.UploadTypingSample;

namespace Verification.Proctoring.Identity;

internal static class IdentityEndpoints
{
    /// <summary>The matching engines (one per process, loaded from the folder the Host verified) and the enrollment services.</summary>
    public static void AddIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var modelsDirectory = configuration["Models:Directory"] ?? "models";
        var faceOptions = new FaceOptions();
        configuration.GetSection(FaceOptions.SectionName).Bind(faceOptions);
        if (faceOptions.Problems() is [var first, ..])
        {
            throw new BuildingBlocks.SettingInvalidException(first);
        }

        var keystrokeOptions = new KeystrokeOptions();
        configuration.GetSection(KeystrokeOptions.SectionName).Bind(keystrokeOptions);
        var settings = new EnrollmentSettings();
        configuration.GetSection(EnrollmentSettings.SectionName).Bind(settings);

        services.AddSingleton(faceOptions);
        services.AddSingleton(keystrokeOptions);
        services.AddSingleton(_ => FaceEngine.Load(modelsDirectory, faceOptions));
        services.AddSingleton(_ => KeystrokeVerifier.Load(Path.Combine(modelsDirectory, "keystroke"), keystrokeOptions));
        services.AddSingleton(settings);
        services.AddSingleton<TypingPhrase>();
        services.AddSingleton<Pledges.PledgeCatalog>();
        services.AddSingleton<LearnerKeys>();
        services.AddSingleton<BiometricCipher>();
        services.AddSingleton<ProfileReseal>();
        services.AddHostedService<ProfileResealJob>();
        services.AddSingleton<EnrollmentDraft>();
        services.AddSingleton<EnrollmentFaces>();
        services.AddSingleton<IdentityProfiles>();
        services.AddSingleton<FreeTextProfiles>();
        services.AddSingleton<TypingProfiles>();
        services.AddSingleton<UploadEnrollmentFrameHandler>();
        services.AddSingleton<UploadIdPhotoHandler>();
        services.AddSingleton<UploadTypingSampleHandler>();
        services.AddSingleton<CompleteEnrollmentHandler>();
    }

    public static void MapIdentity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetEnrollmentStatus();
        endpoints.MapUploadEnrollmentFrame();
        endpoints.MapUploadIdPhoto();
        endpoints.MapUploadTypingSample();
        endpoints.MapCompleteEnrollment();
    }
}
