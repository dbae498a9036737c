using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Verification.Lti;

/// <summary>RFC 9457 problem details with a stable <c>code</c> extension that clients switch on.</summary>
internal static class LtiProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, "The LTI message is refused.", detail);
}
