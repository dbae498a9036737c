using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks;
using Verification.Proctoring.Sessions.EndAttemptSession;

namespace Verification.Proctoring.Sessions.ScaleOut;

internal static class ScaleOutRegistration
{
    /// <summary>
    /// With <c>Redis:Configuration</c> set, hub messages reach players on every node through Redis, and a platform's end
    /// of an attempt reaches the node serving its session; unset, one node.
    /// </summary>
    public static void AddScaleOut(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        var settings = new RedisSettings();
        configuration.GetSection(RedisSettings.SectionName).Bind(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new SettingInvalidException($"{RedisSettings.SectionName}: {string.Join(" ", problems)}");
        }

        if (!settings.Enabled)
        {
            return;
        }

        var services = signalR.Services;
        services.AddSingleton(settings);
        services.AddSingleton<RedisAvailability>();
        services.AddSingleton<RedisConnection>();
        services.AddOptions<RedisOptions>().Configure<RedisConnection>((options, redis) => options.ConnectionFactory = redis.GetAsync);
        // What AddStackExchangeRedis registers, behind a manager that keeps serving this node's players while Redis is away.
        services.AddSingleton(typeof(RedisHubLifetimeManager<>));
        services.AddSingleton(typeof(DefaultHubLifetimeManager<>));
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(RedisOrLocalHubLifetimeManager<>));
        services.AddSingleton<SessionEndRequests>();
        services.AddHostedService(provider => provider.GetRequiredService<SessionEndRequests>());
        services.AddSingleton<EndOnOtherNode>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }
}
