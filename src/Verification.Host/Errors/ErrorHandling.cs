using Microsoft.AspNetCore.Http.Json;
using Serilog;

namespace Verification.Host.Errors;

/// <summary>How the Host answers what it cannot serve: registration and the order of the middleware that decides it.</summary>
internal static class ErrorHandling
{
    public static void AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
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
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<NulCharacterMiddleware>();
    }
}
