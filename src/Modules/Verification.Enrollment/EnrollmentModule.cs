using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;

namespace Verification.Enrollment;

public sealed class EnrollmentModule : IModule
{
    public string Name => "enrollment";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("enrollment", typeof(EnrollmentModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => EnrollmentEndpoints.Map(endpoints);
}
