using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Api;

namespace Verification.Enrollment.Enrollments.EnrollInCourse;

/// <summary>The courses an enrollment covers, asked of the catalog: a partner's learner enrolls only in that partner's open courses.</summary>
internal static class Offerings
{
    public static async Task<(IReadOnlyList<Guid> CourseIds, ProblemHttpResult? Problem)> FindAsync(
        IMediator mediator, Guid? courseId, Guid? specializationId, Guid? learnerPartner, CancellationToken cancellationToken)
    {
        if (courseId is { } id)
        {
            var course = await mediator.Send(new GetCoursePartner(id), cancellationToken);
            if (course is null || (learnerPartner is not null && course.PartnerId != learnerPartner))
            {
                return ([], EnrollmentProblems.NotFound("course"));
            }

            return course.Retired ? ([], Retired("course")) : ([id], null);
        }

        var specialization = await mediator.Send(new GetSpecialization(specializationId!.Value), cancellationToken);
        if (specialization is null || (learnerPartner is not null && specialization.PartnerId != learnerPartner))
        {
            return ([], EnrollmentProblems.NotFound("specialization"));
        }

        return specialization.Retired ? ([], Retired("specialization")) : (specialization.CourseIds, null);
    }

    private static ProblemHttpResult Retired(string what) =>
        EnrollmentProblems.Create(StatusCodes.Status409Conflict, what + "_retired", $"The {what} is retired.", $"A retired {what} takes no new enrollments.");
}
