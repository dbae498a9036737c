using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Migrations;

namespace Verification.BuildingBlocks.Modules;

/// <summary>
/// What the Host needs from a module: its name (also its schema), its migrations, its services and its endpoints.
/// Modules talk to each other only through Mediator requests and notifications in their <c>Contracts</c> namespace.
/// </summary>
public interface IModule
{
    string Name { get; }

    ModuleMigrations Migrations { get; }

    /// <summary>The module's columns that can hold ciphertexts under the master key: what a master-key rotation re-wraps.</summary>
    IReadOnlyList<SealedColumn> SealedColumns => [];

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
