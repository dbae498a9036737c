using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;

namespace Verification.Catalog;

public sealed class CatalogModule : IModule
{
    public string Name => "catalog";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("catalog", typeof(CatalogModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => CatalogEndpoints.Map(endpoints);
}
