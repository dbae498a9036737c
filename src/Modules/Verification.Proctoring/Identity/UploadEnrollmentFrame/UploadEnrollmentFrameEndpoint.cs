using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;
using Verification.Matching.Face;
using Verification.Proctoring.Api;
using Verification.Proctoring.Consent;

namespace Verification.Proctoring.Identity.UploadEnrollmentFrame;

internal static class UploadEnrollmentFrameEndpoint
{
    public static void MapUploadEnrollmentFrame(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/identity/frames", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new ImageUpload())
            .RequireConsent("face", LiveConsent.Face)
            .WithTags("Identity enrollment")
            .Refuses(StatusCodes.Status413PayloadTooLarge, "image_too_large")
            .Refuses(StatusCodes.Status409Conflict, "frame_limit_reached")
            .Refuses(StatusCodes.Status422UnprocessableEntity, FaceRejections.Codes)
            .WithSummary("Upload one webcam picture of the face (JPEG or PNG). A refused picture answers 422 with a reason code and what to do.");

    private static async Task<Results<Ok<FrameAccepted>, ProblemHttpResult>> UploadAsync(
        Guid learnerId,
        HttpRequest request,
        EnrollmentSettings settings,
        UploadEnrollmentFrameHandler handler,
        CancellationToken cancellationToken)
    {
        var (image, _, imageProblem) = await EnrollmentImages.ReadAsync(request, settings.MaxImageBytes, cancellationToken);
        if (imageProblem is not null)
        {
            return imageProblem;
        }

        var (accepted, rejection) = await handler.HandleAsync(learnerId, image!, cancellationToken);
        if (accepted is not null)
        {
            return TypedResults.Ok(accepted);
        }

        return rejection!.Code == "frame_limit_reached"
            ? ApiProblems.Create(StatusCodes.Status409Conflict, rejection.Code, "Enough pictures.", rejection.LearnerMessage)
            : ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, rejection.Code, "The picture cannot be used.", rejection.LearnerMessage);
    }
}
