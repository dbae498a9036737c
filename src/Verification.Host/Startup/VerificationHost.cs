using Mediator;
using Serilog;
using Serilog.Formatting.Compact;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Migrations;
using Verification.Host.Demo;
using Verification.Host.Errors;
using Verification.Host.Health;
using Verification.Host.OpenApi;
using Verification.Host.Security;
using Verification.Host.Telemetry;

namespace Verification.Host.Startup;

/// <summary>The composition root: wires modules, logging, health, OpenAPI and errors. Holds no domain logic.</summary>
internal static class VerificationHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Host.UseSerilog((context, services, logger) =>
        {
            logger.ReadFrom.Configuration(context.Configuration).ReadFrom.Services(services).Enrich.FromLogContext().Filter.ByExcluding(DatabaseStartup.IsConfigurationFailureLoggedByHost)
                .Filter.ByExcluding(HubFailureLog.IsLoggedByHubFilter);
            if (context.HostingEnvironment.IsProduction())
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        }, preserveStaticLogger: true);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        DemoMode.EnsureAllowed(builder.Environment, builder.Configuration);
        CorsOrigins.AddConfiguredCors(builder.Services, builder.Configuration);

        var modelsStatus = ModelsStatus.Check(ModelsLocator.Locate(builder.Configuration, builder.Environment.ContentRootPath));
        StartupChecks.VerifyModels(modelsStatus);
        builder.Services.AddSingleton(modelsStatus);
        // Modules load their models from the folder the Host verified.
        builder.Configuration["Models:Directory"] = modelsStatus.Directory;
        FaceSessionSettings.Verify(builder.Configuration);

        builder.Services.AddVerificationDatabase(builder.Configuration);
        // First of the hosted services: the modules' background work starts on a migrated database.
        builder.Services.AddHostedService<DatabaseStartup>();
        foreach (var module in ModuleCatalog.All)
        {
            module.AddServices(builder.Services, builder.Configuration);
        }

        builder.Services.AddSingleton(sp => new MasterKeyRotation(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<EnvelopeEncryption>(), [.. ModuleCatalog.All.SelectMany(m => m.SealedColumns)]));
        builder.Services.AddHostedService<MasterKeyRotationJob>();
        builder.Services.AddSingleton(sp => new MigrationRunner(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), ModuleCatalog.All.Select(m => m.Migrations)));
        builder.Services.AddHostedService<FaceEngineStartup>();
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Scoped);
        builder.Services.AddErrorHandling();
        builder.Services.AddVerificationHealthChecks();
        builder.Services.AddVerificationTelemetry(builder.Configuration);
        builder.Services.AddOpenApi(options => options.AddAccessTransformers());
        builder.Services.AddVerificationAccess(builder.Configuration);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseErrorHandling();
        app.UseCors();
        // Pages and their scripts are public; they are served before authorization, which denies everything unnamed.
        app.UsePageFiles();
        app.UseVerificationAccess();
        app.MapApiReference();
        app.MapVerificationHealth();
        app.MapVerificationMetrics();
        // Every module endpoint passes the partner check: a key sees only its own partner's learners and courses.
        var modules = app.MapGroup("").AddEndpointFilterFactory(PartnerOwnershipFilter.Create);
        // After the modules' own conventions: the refusals the Host's mechanisms give, declared where the policy is known.
        ((IEndpointConventionBuilder)modules).Finally(CommonRefusals.Declare);
        foreach (var module in ModuleCatalog.All)
        {
            module.MapEndpoints(modules);
        }

        return app;
    }

    public static void PrintWelcome(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var reference = ApiReference.IsEnabled(app.Environment, app.Configuration);
            foreach (var address in app.Urls)
            {
                if (reference)
                {
                    app.Logger.LogInformation("Verification is listening on {Address}: API document {Address}/openapi/v1.json, reference {Address}/scalar/v1, health {Address}/health/ready", address, address, address, address);
                }
                else
                {
                    app.Logger.LogInformation("Verification is listening on {Address}: health {Address}/health/ready (API reference off: ApiReference:Enabled)", address, address);
                }
            }
        });
    }
}
