using Mediator;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Migrations;
using Verification.Host.Demo;
using Verification.Host.Errors;
using Verification.Host.Health;
using Verification.Host.OpenApi;
using Verification.Host.Security;

namespace Verification.Host.Startup;

/// <summary>The composition root: wires modules, logging, health, OpenAPI and errors. Holds no domain logic.</summary>
internal static class VerificationHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Host.UseSerilog((context, services, logger) =>
        {
            logger.ReadFrom.Configuration(context.Configuration).Enrich.FromLogContext().Filter.ByExcluding(DatabaseStartup.IsConfigurationFailureLoggedByHost);
            if (context.HostingEnvironment.IsProduction())
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        });
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        var modelsStatus = ModelsStatus.Check(ModelsLocator.Locate(builder.Configuration, builder.Environment.ContentRootPath));
        StartupChecks.VerifyModels(modelsStatus);
        builder.Services.AddSingleton(modelsStatus);
        // Modules load their models from the folder the Host verified.
        builder.Configuration["Models:Directory"] = modelsStatus.Directory;

        builder.Services.AddVerificationDatabase(builder.Configuration);
        // First of the hosted services: the modules' background work starts on a migrated database.
        builder.Services.AddHostedService<DatabaseStartup>();
        foreach (var module in ModuleCatalog.All)
        {
            module.AddServices(builder.Services, builder.Configuration);
        }

        builder.Services.AddSingleton(sp => new MigrationRunner(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), ModuleCatalog.All.Select(m => m.Migrations)));
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Scoped);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddVerificationHealthChecks();
        builder.Services.AddOpenApi(options => options.AddAccessTransformers());
        builder.Services.AddVerificationAccess(builder.Configuration);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        // Pages and their scripts are public; they are served before authorization, which denies everything unnamed.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseVerificationAccess();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapVerificationHealth();
        // Every module endpoint passes the partner check: a key sees only its own partner's learners and courses.
        var modules = app.MapGroup("").AddEndpointFilterFactory(PartnerOwnershipFilter.Create);
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
            foreach (var address in app.Urls)
            {
                Log.Information("Verification is listening on {Address}: API document {Address}/openapi/v1.json, reference {Address}/scalar/v1, health {Address}/health/ready", address, address, address, address);
            }
        });
    }
}
