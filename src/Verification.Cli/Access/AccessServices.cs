using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Database;

namespace Verification.Cli.Access;

/// <summary>
/// The Access module's handlers over the service's database (<c>VERIFICATION_DB</c> or <c>--database</c>), for the
/// operator's <c>keys</c> and <c>staff</c> commands. The Host must have migrated the database once.
/// </summary>
internal static class AccessServices
{
    public static ServiceProvider Build(string? database)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (!string.IsNullOrWhiteSpace(database))
        {
            configuration["ConnectionStrings:Verification"] = database;
        }

        var services = new ServiceCollection();
        services.AddVerificationDatabase(configuration);
        services.AddSingleton(TimeProvider.System);
        // Key and staff changes are audited like the Host's: under the same Audit:Key (environment Audit__Key).
        services.AddSingleton(AuditKey.FromConfiguration(configuration));
        services.AddSingleton<AuditLog>();
        AccessModule.AddStores(services, configuration);
        services.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Scoped);
        return services.BuildServiceProvider();
    }

    public static async Task<TResponse> SendAsync<TResponse>(string? database, Func<IMediator, ValueTask<TResponse>> send)
    {
        await using var provider = Build(database);
        await using var scope = provider.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }
}
