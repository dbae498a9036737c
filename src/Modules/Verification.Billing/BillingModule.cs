using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;

namespace Verification.Billing;

public sealed class BillingModule : IModule
{
    public string Name => "billing";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("billing", typeof(BillingModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
