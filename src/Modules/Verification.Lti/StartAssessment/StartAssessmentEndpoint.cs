using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// After the pre-exam check, the course player asks for the LtiStartAssessment message (to know it is ready) and has
/// <see cref="StartAssessmentPage"/> post it (form field <c>JWT</c>) to the platform's start_assessment_url. A check
/// that needs review is not a refusal: the message goes without verified_user, so the platform knows the identity was
/// not vouched for, and the review case is open; where the partner's policy asks for it, the check's flags also go to
/// the platform's ACS (<see cref="PreExamControl"/>).
/// </summary>
internal static class StartAssessmentEndpoint
{
    public sealed record StartAssessmentForm(string StartAssessmentUrl, string Jwt, bool IdentityVerified, string PreExamVerdict);

    public static void MapStartAssessment(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/learners/{learnerId:guid}/lti-launches/{launchId:guid}/start-assessment", StartAsync)
            .RequireAuthorization(AccessPolicies.Learner)
            .WithTags("LTI")
            .Refuses(StatusCodes.Status404NotFound, "launch_not_found")
            .Refuses(StatusCodes.Status409Conflict, "pre_exam_check_pending")
            .WithSummary("The learner's LtiStartAssessment message after the pre-exam check: the signed JWT and the platform's start_assessment_url to post it to (form field JWT).");

    private static async Task<Results<Ok<StartAssessmentForm>, ProblemHttpResult>> StartAsync(
        Guid learnerId, Guid launchId, StartAssessmentService service, CancellationToken cancellationToken)
    {
        var (form, refusal) = await service.PrepareAsync(learnerId, launchId, cancellationToken);
        return form is null
            ? refusal!
            : TypedResults.Ok(new StartAssessmentForm(form.StartAssessmentUrl, form.Jwt, form.IdentityVerified, form.PreExamVerdict));
    }
}
