using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Verification.BuildingBlocks.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>Registers a module's outbox table; the first call also registers the outbox and its dispatcher.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, OutboxTable table)
    {
        services.AddSingleton(table);
        services.TryAddSingleton<Outbox>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDispatcher>());
        return services;
    }
}
