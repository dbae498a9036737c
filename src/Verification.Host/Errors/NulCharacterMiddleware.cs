namespace Verification.Host.Errors;

/// <summary>
/// Refuses a request whose query string or route values hold U+0000 with 400 <c>nul_character</c>, before an
/// endpoint binds them. JSON bodies are covered by <see cref="NulRefusingStringConverter"/>.
/// </summary>
internal sealed partial class NulCharacterMiddleware(RequestDelegate next, ILogger<NulCharacterMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context, IProblemDetailsService problemDetails)
    {
        if (!HoldsNul(context.Request))
        {
            return next(context);
        }

        LogRefused(logger, context.Request.Method, context.GetEndpoint()?.DisplayName ?? "no endpoint");
        return Refusals.WriteAsync(
            context,
            problemDetails,
            StatusCodes.Status400BadRequest,
            RefusalCodes.NulCharacter,
            "The request holds a NUL character.",
            "Remove the U+0000 character from the query string or the address; no field accepts it.");
    }

    private static bool HoldsNul(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var value in values)
            {
                if (value is not null && value.Contains('\0', StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        foreach (var (_, value) in request.RouteValues)
        {
            if (value is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Endpoint}: nul_character")]
    private static partial void LogRefused(ILogger logger, string method, string endpoint);
}
