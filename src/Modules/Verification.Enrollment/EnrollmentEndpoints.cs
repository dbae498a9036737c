using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Enrollments.EnrollInCourse;
using Verification.Enrollment.Learners.CreateLearner;
using Verification.Enrollment.Learners.GetLearnerRecord;
using Verification.Enrollment.Progress.PushGradedItem;
using Verification.Enrollment.Progress.PushProgress;

namespace Verification.Enrollment;

internal static class EnrollmentEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var learners = endpoints.MapGroup("/api/v1/enrollment/learners").WithTags("Enrollment").RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.LearnersWrite));
        learners.MapCreateLearner();
        learners.MapGetLearnerRecord();
        learners.MapEnroll();
        learners.MapPushProgress();
        learners.MapPushGradedItem();
    }
}
