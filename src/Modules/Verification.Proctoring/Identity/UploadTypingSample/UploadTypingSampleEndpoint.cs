using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Api;
using Verification.Proctoring.Consent;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Identity.UploadTypingSample;

internal static class UploadTypingSampleEndpoint
{
    /// <summary>One browser keyboard event: type "down" or "up", KeyboardEvent.key, .code, .timeStamp (ms) and .repeat.</summary>
    public sealed record KeyEvent(string Type, string Key, string Code, double TimeStamp, bool Repeat = false);

    public sealed record TypingSampleRequest(IReadOnlyList<KeyEvent>? Events);

    public static void MapUploadTypingSample(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/identity/typing-samples", UploadAsync)
            .RequireConsent("typing", LiveConsent.Typing)
            .WithTags("Identity enrollment")
            .Refuses(StatusCodes.Status404NotFound, "learner_not_found")
            .Refuses(StatusCodes.Status409Conflict, "typing_sample_limit_reached")
            .Refuses(StatusCodes.Status422UnprocessableEntity, IdentityRejections.TypingSampleUnusable)
            .WithSummary("Upload the key events of one typing of the phrase. 422 typing_sample_unusable names the reader's reason.");

    private static async Task<Results<Ok<TypingSampleAccepted>, ProblemHttpResult>> UploadAsync(
        Guid learnerId,
        TypingSampleRequest body,
        TypingPhrase phrases,
        [FromQuery] string? locale,
        [FromQuery] string? keyboard,
        IMediator mediator,
        UploadTypingSampleHandler handler,
        CancellationToken cancellationToken)
    {
        var pledge = await phrases.ForAsync(mediator, learnerId, locale, keyboard, cancellationToken);
        if (pledge is null)
        {
            return ApiProblems.UnknownLearner();
        }

        var phrase = pledge.Phrase;

        // A null event stays null: the keystroke reader refuses it as invalid_event (422), like any other bad event.
        var events = (body.Events ?? []).Select(e => e is null ? null! : new RawKeyEvent(e.Type, e.Key, e.Code, e.TimeStamp, e.Repeat)).ToList();
        var (outcome, accepted, rejection) = await handler.HandleAsync(learnerId, phrase, events, cancellationToken);
        return outcome switch
        {
            TypingSampleOutcome.Accepted => TypedResults.Ok(accepted!),
            TypingSampleOutcome.LimitReached => ApiProblems.Create(
                StatusCodes.Status409Conflict, "typing_sample_limit_reached", "Enough typing samples.", "You have typed the phrase often enough. Finish the enrollment."),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The typing sample cannot be used.",
                detail: rejection!.LearnerMessage,
                extensions: new Dictionary<string, object?> { ["code"] = IdentityRejections.TypingSampleUnusable, ["reason"] = rejection.Code }),
        };
    }
}
