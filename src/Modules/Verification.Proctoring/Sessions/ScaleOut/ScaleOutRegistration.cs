using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks;

namespace Verification.Proctoring.Sessions.ScaleOut;

internal static class ScaleOutRegistration
{
    /// <summary>With <c>Redis:Configuration</c> set, hub messages reach players on every node through Redis; unset, one node.</summary>
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
        services.AddSingleton<RedisConnection>();
        signalR.AddStackExchangeRedis();
        services.AddOptions<RedisOptions>().Configure<RedisConnection>((options, redis) => options.ConnectionFactory = redis.GetAsync);
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }
}
