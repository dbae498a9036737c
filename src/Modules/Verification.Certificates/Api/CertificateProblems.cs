using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Verification.Certificates.Api;

/// <summary>RFC 9457 problem details with a stable <c>code</c> extension that clients switch on.</summary>
internal static class CertificateProblems
{
    // Another partner's or learner's certificate answers as unknown: a caller learns nothing it may not see.
    public static ProblemHttpResult NotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such certificate.",
        detail: "Check the certificate id or verification code; a key sees only its own partner's certificates, a learner only their own.",
        extensions: new Dictionary<string, object?> { ["code"] = "certificate_not_found" });
}
