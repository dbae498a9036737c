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
    public static void MapCompleteEnrollment(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/identity/complete", CompleteAsync)
            .RequireConsent("face, ID photo and typing", LiveConsent.Face, LiveConsent.IdPhoto, LiveConsent.Typing)
            .WithTags("Identity enrollment")
            .Refuses(StatusCodes.Status404NotFound, "learner_not_found")
            .Refuses(StatusCodes.Status409Conflict, "enrollment_incomplete")
            .Refuses(StatusCodes.Status422UnprocessableEntity, IdentityRejections.IdPhotoMismatch)
            .WithSummary("Build and store the identity profile (replacing an earlier one). 409 enrollment_incomplete lists what is missing.");

    private static async Task<Results<Ok<EnrollmentCompleted>, ProblemHttpResult>> CompleteAsync(
        Guid learnerId,
        TypingPhrase phrases,
        [FromQuery] string? locale,
        [FromQuery] string? keyboard,
        IMediator mediator,
        CompleteEnrollmentHandler handler,
        CancellationToken cancellationToken)
    {

        var pledge = await phrases.ForAsync(mediator, learnerId, locale, keyboard, cancellationToken);
        if (pledge is null)
        {
            return ApiProblems.UnknownLearner();
        }

        var phrase = pledge.Phrase;

        var (outcome, completed, missing) = await handler.HandleAsync(learnerId, phrase, cancellationToken);
        return outcome switch
        {
            CompleteOutcome.Completed => TypedResults.Ok(completed!),
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
