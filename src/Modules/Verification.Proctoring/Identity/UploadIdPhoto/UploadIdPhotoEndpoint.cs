using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;
using Verification.Matching.Face;
using Verification.Proctoring.Api;
using Verification.Proctoring.Consent;

namespace Verification.Proctoring.Identity.UploadIdPhoto;

internal static class UploadIdPhotoEndpoint
{
    public static void MapUploadIdPhoto(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPut("/identity/id-photo", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new ImageUpload())
            .RequireConsent("ID photo", LiveConsent.IdPhoto)
            .WithTags("Identity enrollment")
            .Refuses(StatusCodes.Status413PayloadTooLarge, "image_too_large")
            .Refuses(StatusCodes.Status409Conflict, IdentityRejections.FaceFramesFirst)
            .Refuses(StatusCodes.Status422UnprocessableEntity, FaceRejections.Codes)
            .Refuses(StatusCodes.Status422UnprocessableEntity, IdentityRejections.IdPhotoMismatch)
            .WithSummary("Upload (or replace) the photo of a photo ID, after the face pictures. 422 id_photo_mismatch when it does not match them.");

    private static async Task<Results<Ok<IdPhotoAccepted>, ProblemHttpResult>> UploadAsync(
        Guid learnerId,
        HttpRequest request,
        EnrollmentSettings settings,
        UploadIdPhotoHandler handler,
        CancellationToken cancellationToken)
    {
        var (image, contentType, imageProblem) = await EnrollmentImages.ReadAsync(request, settings.MaxImageBytes, cancellationToken);
        if (imageProblem is not null)
        {
            return imageProblem;
        }

        var (accepted, rejection) = await handler.HandleAsync(learnerId, image!, contentType!, cancellationToken);
        if (accepted is not null)
        {
            return TypedResults.Ok(accepted);
        }

        return rejection!.Code == IdentityRejections.FaceFramesFirst
            ? ApiProblems.Create(StatusCodes.Status409Conflict, rejection.Code, "Face pictures first.", rejection.LearnerMessage)
            : ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, rejection.Code, "The ID photo cannot be used.", rejection.LearnerMessage);
    }
}
