using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Verification.Host.Telemetry;

/// <summary>
/// OpenTelemetry for operators: the modules' meters, ASP.NET Core's and the runtime's, served in Prometheus format on
/// <see cref="TelemetrySettings.MetricsPath"/> to the allowed networks; traces (hub call, frame analysis, store) go to
/// an OTLP collector when one is configured.
/// </summary>
internal static class TelemetryRegistration
{
    public static readonly string[] Meters = ["Verification.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections"];

    public static IServiceCollection AddVerificationTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetrySettings>().Bind(configuration.GetSection(TelemetrySettings.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var settings = configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new TelemetrySettings();
        services.AddSingleton<HostMetrics>();
        services.AddSingleton<HealthMetricsPublisher>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<HealthMetricsPublisher>());
        services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(15));

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("verification"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters).AddRuntimeInstrumentation();
            if (settings.MetricsEnabled)
            {
                // The exporter answers a scrape from a copy kept 300 ms by default, so a scrape right after an action
                // could show the counters from before it (MetricsTests failed so in CI twice). Prometheus scrapes every
                // few seconds: a fresh collection each time costs nothing that matters.
                metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            }

            if (settings.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
            }
        });
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource("Verification.*", "Microsoft.AspNetCore.SignalR.Server").AddAspNetCoreInstrumentation();
            if (settings.OtlpEndpoint is { } endpoint)
            {
                tracing.AddOtlpExporter(o => o.Endpoint = endpoint);
            }
        });
        return services;
    }

    /// <summary>The scrape endpoint, answered only to the allowed networks; anyone else gets a 404 as if it were not there.</summary>
    public static void MapVerificationMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<TelemetrySettings>>().Value;
        // Created now, so the gauges exist from the first scrape.
        app.Services.GetRequiredService<HostMetrics>();
        app.Services.GetRequiredService<HealthMetricsPublisher>();
        if (!settings.MetricsEnabled)
        {
            return;
        }

        app.MapPrometheusScrapingEndpoint(settings.MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!settings.Allows(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }), optionsName: null).AllowAnonymous().ExcludeFromDescription();
    }
}
