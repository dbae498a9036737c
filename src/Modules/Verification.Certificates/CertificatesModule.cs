using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
using Verification.Certificates.Credentials;
using Verification.Certificates.Issuance;
using Verification.Certificates.LearnerCertificates;
using Verification.Certificates.Lookup;
using Verification.Certificates.PublicPage;

namespace Verification.Certificates;

public sealed class CertificatesModule : IModule
{
    public string Name => "certificates";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("certificates", typeof(CertificatesModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var settings = new CertificateSettings();
        configuration.GetSection(CertificateSettings.SectionName).Bind(settings);
        if (settings.Validate() is { } problem)
        {
            throw new SettingInvalidException(problem);
        }

        services.AddSingleton(settings);
        services.AddSingleton<IRefundGuard, CertificateRefundGuard>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<CredentialSigner>();
        services.AddSingleton<StatusList>();
        services.AddScoped<CredentialIssuer>();
        services.AddScoped<CertificateIssuer>();
        services.AddCertificatesRateLimits(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapVerifyPage();
        endpoints.MapLearnerCertificates();
        endpoints.MapCertificateLookup();
        endpoints.MapCredentials();
    }
}
