using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Enrollments.EnrollInCourse;
using Verification.Enrollment.Learners.CreateLearner;
using Verification.Enrollment.Learners.GetLearnerRecord;
using Verification.Enrollment.Programs.AddContract;
using Verification.Enrollment.Programs.CreateOrganisation;
using Verification.Enrollment.Programs.CreateProgram;
using Verification.Enrollment.Programs.GetProgram;
using Verification.Enrollment.Programs.Invite;
using Verification.Enrollment.Programs.InviteCsv;
using Verification.Enrollment.Programs.JoinProgram;
using Verification.Enrollment.Programs.ListMembers;
using Verification.Enrollment.Programs.RemoveMember;
using Verification.Enrollment.Programs.Reports;
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

        endpoints.MapJoinProgram();
        // Organisations, programs and contracts (the licences sold) are set up by the partner or an admin; an organisation's
        // program administrator runs its own programs.
        var setup = endpoints.MapGroup("/api/v1/programs").WithTags("Programs").RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.ProgramsManage));
        setup.MapCreateOrganisation();
        setup.MapCreateProgram();
        setup.MapAddContract();
        var programs = endpoints.MapGroup("/api/v1/programs").WithTags("Programs").RequireAuthorization(AccessPolicies.ProgramAdmin);
        programs.MapGetProgram();
        programs.MapInvite();
        programs.MapInviteCsv();
        programs.MapListMembers();
        programs.MapRemoveMember();
        programs.MapReports();
    }
}
