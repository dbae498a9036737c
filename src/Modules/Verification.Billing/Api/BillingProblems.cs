using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Verification.Billing.Api;

/// <summary>RFC 9457 problem details with the stable <c>code</c> values of docs/billing.md.</summary>
internal static class BillingProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Invalid(string detail) => Create(StatusCodes.Status400BadRequest, "invalid_input", "The request is not valid.", detail);

    public static ProblemHttpResult IdempotencyKeyRequired() => Create(
        StatusCodes.Status400BadRequest, "idempotency_key_required", "An Idempotency-Key header is required.",
        "Send a unique Idempotency-Key (1 to 255 visible ASCII characters) with every call that moves money; repeat it to retry safely.");

    public static ProblemHttpResult IdempotencyKeyReused() => Create(
        StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", "This Idempotency-Key was used for another request.",
        "A key names one request: retry with the same body, or use a new key for a new request.");

    public static ProblemHttpResult TrackNotFound() => Create(
        StatusCodes.Status404NotFound, "track_not_found", "No such certificate track.", "Check the course or specialization id; only your partner's tracks are sold to you.");

    public static ProblemHttpResult OrderNotFound() => Create(StatusCodes.Status404NotFound, "order_not_found", "No such order.", "Check the order id.");

    public static ProblemHttpResult ProviderUnavailable() => Create(
        StatusCodes.Status503ServiceUnavailable, "payment_provider_unavailable", "The payment provider did not answer.",
        "Nothing was charged. Retry later with the same Idempotency-Key.");
}
