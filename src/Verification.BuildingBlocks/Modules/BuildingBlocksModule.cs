using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Audit.VerifyAuditChain;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Migrations;

namespace Verification.BuildingBlocks.Modules;

/// <summary>The shared pieces every module uses: the audit log and its verification, envelope encryption, the clock.</summary>
public sealed class BuildingBlocksModule : IModule
{
    public string Name => "audit";

    public ModuleMigrations Migrations { get; } = CreateMigrations();

    public static ModuleMigrations CreateMigrations() => ModuleMigrations.FromAssembly("audit", typeof(BuildingBlocksModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ =>
        {
            var options = new EncryptionOptions();
            configuration.GetSection(EncryptionOptions.SectionName).Bind(options);
            return new EnvelopeEncryption(options);
        });
        // Read now, so that a missing or short key stops the start with one line instead of failing the first append.
        services.AddSingleton(AuditKey.FromConfiguration(configuration));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditChainVerifier>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapVerifyAuditChain();
}
