using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Verification.Enrollment.Api;

/// <summary>RFC 9457 problem details with a stable <c>code</c> extension that clients switch on.</summary>
internal static class EnrollmentProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Invalid(string detail) => Create(StatusCodes.Status400BadRequest, "invalid_input", "The request is not valid.", detail);

    // Another partner's learner answers as unknown: a key learns nothing about learners it may not touch.
    public static ProblemHttpResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, what + "_not_found", $"No such {what}.", $"Check the {what} id; a partner key sees only its own partner's {what}s.");

    public static ProblemHttpResult PartnerRequired() => Create(
        StatusCodes.Status400BadRequest, "partner_required", "Which partner?", "An admin names partnerId; a partner key may omit it or give its own partner's id.");
}
