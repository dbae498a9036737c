using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Verification.Proctoring.Api;

/// <summary>RFC 9457 problem details with a stable <c>code</c> extension that clients switch on.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult ConsentMissing(string covers) => Create(
        StatusCodes.Status403Forbidden,
        "consent_missing",
        "Consent is needed first.",
        $"Nothing about your {covers} is collected without your consent. Accept the identity-verification consent, or ask for the manual ID review or audit track instead.");

    public static ProblemHttpResult UnknownLearner() => Create(
        StatusCodes.Status404NotFound,
        "learner_not_found",
        "The learner is not registered.",
        "Register the learner and enroll them in the course before asking for a token.");
}
