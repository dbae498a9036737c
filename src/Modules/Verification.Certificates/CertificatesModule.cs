using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
using Verification.Certificates.Credentials;
using Verification.Certificates.Documents;
using Verification.Certificates.Issuance;
using Verification.Certificates.LearnerCertificates;
using Verification.Certificates.Lookup;
using Verification.Certificates.PublicPage;
using Verification.Certificates.Webhooks;

namespace Verification.Certificates;

public sealed class CertificatesModule : IModule
{
    public string Name => "certificates";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("certificates", typeof(CertificatesModule).Assembly);

    public IReadOnlyList<SealedColumn> SealedColumns => MasterKeyColumns.All;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var settings = new CertificateSettings();
        configuration.GetSection(CertificateSettings.SectionName).Bind(settings);
        if (settings.Validate() is { } problem)
        {
            throw new SettingInvalidException(problem);
        }

        services.AddSingleton(settings);
        services.AddSingleton(CertificateFonts.FromSystem());
        services.AddSingleton<IRefundGuard, CertificateRefundGuard>();
        services.AddSingleton<SigningKeyStore>();
        services.AddHostedService<SigningKeyStartup>();
        services.AddSingleton<CredentialSigner>();
        services.AddSingleton<StatusList>();
        services.AddScoped<CredentialIssuer>();
        services.AddScoped<CertificateChange>();
        services.AddScoped<CertificateRecompute>();
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<SpecializationIssuer>();
        services.AddCertificatesRateLimits(configuration);
        var webhooks = new WebhookSettings();
        configuration.GetSection(WebhookSettings.SectionName).Bind(webhooks);
        if (webhooks.Validate() is { } webhookProblem)
        {
            throw new SettingInvalidException(webhookProblem);
        }

        services.AddSingleton(webhooks);
        services.AddSingleton<WebhookAddressGuard>();
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookConnections.Handler(sp.GetRequiredService<WebhookAddressGuard>()));
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapVerifyPage();
        endpoints.MapLearnerCertificates();
        endpoints.MapCertificateQr();
        endpoints.MapCertificatePdf();
        endpoints.MapCertificateLookup();
        endpoints.MapCredentials();
        endpoints.MapWebhooks();
    }
}
