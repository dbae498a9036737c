using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;

namespace Verification.Certificates;

public sealed class CertificatesModule : IModule
{
    public string Name => "certificates";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("certificates", typeof(CertificatesModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
