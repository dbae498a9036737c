using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Reviews.ReviewEvidence;

/// <summary>The pictures of a case, decrypted for this one view: <c>no-store</c>, audited, never logged.</summary>
internal static class ReviewEvidenceEndpoint
{
    public static void MapReviewEvidence(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{caseId:guid}/evidence/frames/{frame:int}", FrameAsync)
            .WithTags("Review")
            .AuditsRead("review_evidence.frame_viewed", "case", "caseId")
            .Refuses(StatusCodes.Status404NotFound, "evidence_not_found")
            .WithSummary("A flagged frame the session kept as evidence, as the learner's camera sent it.");
        endpoints.MapGet("/{caseId:guid}/evidence/id-photo", IdPhotoAsync)
            .WithTags("Review")
            .AuditsRead("review_evidence.id_photo_viewed", "case", "caseId")
            .Refuses(StatusCodes.Status404NotFound, "evidence_not_found")
            .WithSummary("The photo of the learner's photo ID, while it is kept (it is the shortest-lived biometric data).");
        endpoints.MapGet("/{caseId:guid}/evidence/enrollment-faces/{number:int}", EnrollmentFaceAsync)
            .WithTags("Review")
            .AuditsRead("review_evidence.enrollment_face_viewed", "case", "caseId")
            .Refuses(StatusCodes.Status404NotFound, "evidence_not_found")
            .WithSummary("A picture of the learner's face from their enrollment (a crop of an accepted frame), kept as long as their face template.");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FrameAsync(
        Guid caseId, int frame, HttpContext http, ReviewEvidenceImages images, CancellationToken cancellationToken) =>
        Serve(http, await images.FrameAsync(caseId, frame, cancellationToken));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> IdPhotoAsync(
        Guid caseId, HttpContext http, ReviewEvidenceImages images, CancellationToken cancellationToken) =>
        Serve(http, await images.IdPhotoAsync(caseId, cancellationToken));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EnrollmentFaceAsync(
        Guid caseId, int number, HttpContext http, ReviewEvidenceImages images, CancellationToken cancellationToken) =>
        Serve(http, await images.EnrollmentFaceAsync(caseId, number, cancellationToken));

    private static Results<FileContentHttpResult, ProblemHttpResult> Serve(HttpContext http, EvidenceImage? image)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return image is { } found
            ? TypedResults.File(found.Bytes, found.ContentType)
            : Api.ApiProblems.Create(StatusCodes.Status404NotFound, "evidence_not_found", "No such picture for this case.", "The case's evidence frames are listed in GET /api/v1/review-cases/{caseId}; an ID photo is kept only for a limited time, enrollment pictures as long as the face template.");
    }
}
