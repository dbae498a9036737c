using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Verification.Host.Security;

/// <summary>
/// Which other origins may call the API and the hub from a browser: <c>Cors:AllowedOrigins</c>, none by default.
/// The hub's policy allows credentials because the SignalR browser client sends them on negotiate; the API's does not.
/// </summary>
internal sealed class CorsOrigins : ICorsPolicyProvider
{
    public const string SectionName = "Cors:AllowedOrigins";
    public const string HubsPath = "/hubs";

    private readonly CorsPolicy _api;
    private readonly CorsPolicy _hubs;

    public CorsOrigins(IReadOnlyList<string> origins)
    {
        _api = new CorsPolicyBuilder().WithOrigins([.. origins]).WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "X-Api-Key").Build();
        _hubs = new CorsPolicyBuilder().WithOrigins([.. origins]).AllowAnyMethod()
            .WithHeaders("Authorization", "Content-Type", "X-Requested-With", "X-SignalR-User-Agent").AllowCredentials().Build();
    }

    public static IServiceCollection AddConfiguredCors(IServiceCollection services, IConfiguration configuration)
    {
        var origins = Read(configuration);
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider>(new CorsOrigins(origins));
        return services;
    }

    /// <summary>Each origin is scheme://host[:port] exactly as a browser sends it; anything else stops the start.</summary>
    public static IReadOnlyList<string> Read(IConfiguration configuration)
    {
        var origins = configuration.GetSection(SectionName).Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (origin == "*" || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") ||
                uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/') || origin.EndsWith('/'))
            {
                throw new Verification.BuildingBlocks.SettingInvalidException(
                    $"{SectionName} holds \"{origin}\", which is not an origin: give each as scheme://host[:port] (for example https://courses.example.org), without a path or a trailing slash; '*' is not allowed.");
            }
        }

        return origins;
    }

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) =>
        Task.FromResult<CorsPolicy?>(context.Request.Path.StartsWithSegments(HubsPath, StringComparison.OrdinalIgnoreCase) ? _hubs : _api);
}
