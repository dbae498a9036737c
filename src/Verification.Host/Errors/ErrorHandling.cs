using Microsoft.AspNetCore.Http.Json;
using Serilog;

namespace Verification.Host.Errors;

/// <summary>How the Host answers what it cannot serve: registration and the order of the middleware that decides it.</summary>
internal static class ErrorHandling
{
    public static void AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Answers the framework gives without an endpoint (no route, wrong method, wrong content type) get a code too.
            if (!context.ProblemDetails.Extensions.ContainsKey("code") && RefusalCodes.ForStatus(context.ProblemDetails.Status) is { } code)
            {
                context.ProblemDetails.Extensions["code"] = code;
                context.ProblemDetails.Detail ??= RefusalCodes.DetailFor(code);
            }
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures throw BadHttpRequestException in every environment, so they reach the exception handler
        // and leave with a reason code instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new NulRefusingStringConverter()));
    }

    /// <summary>
    /// The request log comes first, so that it records the status the client received after the exception handler
    /// answered; the NUL check comes after routing, where route values are known.
    /// </summary>
    public static void UseErrorHandling(this WebApplication app)
    {
        // The Host's own logger: the static one is only for start-up failures (Program), so that Hosts in one process
        // do not share it.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<NulCharacterMiddleware>();
    }
}
