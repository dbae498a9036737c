using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Verification.Billing.Idempotency;

/// <summary>An answer that can be stored under an Idempotency-Key and given again byte for byte.</summary>
internal sealed class Answer(int status, string body, bool replayed = false) : IResult
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public int Status { get; } = status;

    public string Body { get; } = body;

    public static Answer Json<T>(int status, T value) => new(status, JsonSerializer.Serialize(value, Web));

    public static Answer Problem(ProblemHttpResult problem) => new(problem.StatusCode, JsonSerializer.Serialize(problem.ProblemDetails, Web));

    public static Answer Replay(StoredAnswer stored) => new(stored.Status, stored.Body, replayed: true);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = Status >= 400 ? "application/problem+json" : "application/json";
        if (replayed)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return httpContext.Response.WriteAsync(Body, httpContext.RequestAborted);
    }
}
