using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;
using Verification.Proctoring.Consent;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Identity.CompleteEnrollment;

internal static class CompleteEnrollmentEndpoint
{
    private const string Covers = "face, ID photo and typing";

    public static void MapCompleteEnrollment(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/identity/complete", CompleteAsync)
            .RequireConsent(Covers, LiveConsent.EnrollmentKinds)
            .WithTags("Identity enrollment")
            .Refuses(StatusCodes.Status400BadRequest, TypingFallback.UnknownReasonCode)
            .Refuses(StatusCodes.Status404NotFound, "learner_not_found")
            .Refuses(StatusCodes.Status409Conflict, "enrollment_incomplete")
            .Refuses(StatusCodes.Status422UnprocessableEntity, IdentityRejections.IdPhotoMismatch)
            .WithSummary("Build and store the identity profile (replacing an earlier one). 409 enrollment_incomplete lists what is missing. ?typingFallback=touch_keyboard builds it without typing, the reason recorded; the face evidence is still required.");

    private static async Task<Results<Ok<EnrollmentCompleted>, ProblemHttpResult>> CompleteAsync(
        Guid learnerId,
        TypingPhrase phrases,
        [FromQuery] string? locale,
        [FromQuery] string? keyboard,
        [FromQuery] string? typingFallback,
        IMediator mediator,
        CompleteEnrollmentHandler handler,
        CancellationToken cancellationToken)
    {
        if (typingFallback is not null && !TypingFallback.IsKnown(typingFallback))
        {
            return ApiProblems.Create(
                StatusCodes.Status400BadRequest, TypingFallback.UnknownReasonCode, "The typing fallback reason is not one the service knows.",
                $"typingFallback must be one of: {string.Join(", ", TypingFallback.Reasons)}. Without it, enrol the typing samples.");
        }

        var pledge = await phrases.ForAsync(mediator, learnerId, locale, keyboard, cancellationToken);
        if (pledge is null)
        {
            return ApiProblems.UnknownLearner();
        }

        var phrase = pledge.Phrase;

        var (outcome, completed, missing) = await handler.HandleAsync(learnerId, phrase, typingFallback, cancellationToken);
        return outcome switch
        {
            CompleteOutcome.Completed => TypedResults.Ok(completed!),
            // Withdrawn (an erasure) after the filter read it: nothing was stored.
            CompleteOutcome.ConsentMissing => ApiProblems.ConsentMissing(Covers),
            CompleteOutcome.IdPhotoMismatch => ApiProblems.Create(
                StatusCodes.Status422UnprocessableEntity, IdentityRejections.IdPhotoMismatch, "The ID photo does not match the face.", IdentityRejections.IdPhotoMismatchMessage),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The enrollment is not complete.",
                detail: $"Still missing: {string.Join(", ", missing)}. Add them, then complete the enrollment again.",
                extensions: new Dictionary<string, object?> { ["code"] = "enrollment_incomplete", ["missing"] = missing }),
        };
    }
}
