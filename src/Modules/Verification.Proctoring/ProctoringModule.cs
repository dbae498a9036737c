using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;

namespace Verification.Proctoring;

public sealed class ProctoringModule : IModule
{
    public string Name => "proctoring";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("proctoring", typeof(ProctoringModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
