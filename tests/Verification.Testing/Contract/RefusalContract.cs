using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Testing.Contract;

/// <summary>
/// Holds the Host to its API document while the tests run: every problem answer a test receives from an endpoint
/// must carry a (status, <c>code</c>) the endpoint declared (<see cref="Refusal"/> metadata, which the document
/// renders). An undeclared one is replaced by 500 <c>undeclared_refusal</c> naming it, so the test that provoked it
/// fails there, and is kept in <see cref="Undeclared"/>. Registered only by the test hosts' factories.
/// </summary>
public static class RefusalContract
{
    public const string UndeclaredCode = "undeclared_refusal";

    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.Ordinal);

    /// <summary>Every undeclared (method route, status, code) any test of this process received.</summary>
    public static IReadOnlyCollection<string> Undeclared => [.. Seen.Keys.Order(StringComparer.Ordinal)];

    public static void AddRefusalContract(this IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(CheckAsync);
            next(app);
        };
    }

    private static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        // Hubs hold their connections open and answer through their own protocol, not problem details.
        if (context.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) || context.WebSockets.IsWebSocketRequest)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var status = context.Response.StatusCode;
        // Pages left out of the API document (HTML such as /verify/{code}) are not held to it.
        if (status >= 400 && context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<Refusal>() is not null
            && endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
        {
            var code = CodeOf(context.Response.ContentType, buffer.ToArray());
            var declared = RefusalDeclarations.Declared(endpoint.Metadata);
            if (code is null || !declared.TryGetValue(status, out var codes) || !codes.Contains(code))
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                var what = $"{string.Join(',', methods)} {endpoint.RoutePattern.RawText} {status} {code ?? "(no code)"}";
                Seen.TryAdd(what, 0);
                if (!context.Response.HasStarted)
                {
                    context.Response.Clear();
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    context.Response.ContentType = "application/problem+json";
                    await context.Response.WriteAsync(JsonSerializer.Serialize(new
                    {
                        status = 500,
                        title = "The endpoint gave a refusal its API document does not declare.",
                        detail = what + ": declare it with .Refuses(status, code) on the endpoint or the mechanism that gives it.",
                        code = UndeclaredCode,
                    }));
                    return;
                }
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static string? CodeOf(string? contentType, byte[] body)
    {
        if (contentType is null || !contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) || body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
