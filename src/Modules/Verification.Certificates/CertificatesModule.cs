using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
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
        services.AddSingleton<IRefundGuard, CertificateRefundGuard>();
        services.AddCertificatesRateLimits(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapVerifyPage();
        endpoints.MapLearnerCertificates();
        endpoints.MapCertificateLookup();
    }
}
