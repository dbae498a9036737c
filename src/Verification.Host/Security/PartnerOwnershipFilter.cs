using System.Reflection;
using System.Security.Claims;
using Mediator;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;

namespace Verification.Host.Security;

/// <summary>
/// A partner's key sees only its partner's learners and courses. Applied by the Host to every module endpoint: any
/// <c>learnerId</c> or <c>courseId</c> the endpoint binds (route, query or a body's property) must be the calling key's
/// partner's, or the answer is 403 <c>partner_mismatch</c>. Other callers pass; their policies bind them elsewhere.
/// </summary>
internal static class PartnerOwnershipFilter
{
    private delegate Guid? Read(object? argument);

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var learners = new List<(int Index, Read Value)>();
        var courses = new List<(int Index, Read Value)>();
        var parameters = factory.MethodInfo.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (IsGuid(parameter.ParameterType))
            {
                Collect(parameter.Name, i, a => a as Guid?, learners, courses);
                continue;
            }

            if (parameter.ParameterType.IsClass && parameter.ParameterType != typeof(string) && parameter.ParameterType.Namespace?.StartsWith("Verification", StringComparison.Ordinal) == true)
            {
                foreach (var property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => IsGuid(p.PropertyType)))
                {
                    Collect(property.Name, i, a => a is null ? null : property.GetValue(a) as Guid?, learners, courses);
                }
            }
        }

        if (learners.Count == 0 && courses.Count == 0)
        {
            return next;
        }

        return async context =>
        {
            var user = context.HttpContext.User;
            if (!user.HasClaim(c => c.Type == AccessClaims.KeyId) || !Guid.TryParse(user.FindFirstValue(AccessClaims.PartnerId), out var partner))
            {
                return await next(context);
            }

            var mediator = context.HttpContext.RequestServices.GetRequiredService<IMediator>();
            var aborted = context.HttpContext.RequestAborted;
            foreach (var (index, read) in courses)
            {
                if (read(context.Arguments[index]) is { } courseId && (await mediator.Send(new GetCoursePartner(courseId), aborted))?.PartnerId != partner)
                {
                    return Refusal();
                }
            }

            foreach (var (index, read) in learners)
            {
                if (read(context.Arguments[index]) is { } learnerId && !await mediator.Send(new IsLearnerOfPartner(learnerId, partner), aborted))
                {
                    return Refusal();
                }
            }

            return await next(context);
        };
    }

    private static bool IsGuid(Type type) => type == typeof(Guid) || type == typeof(Guid?);

    private static void Collect(string? name, int index, Read read, List<(int, Read)> learners, List<(int, Read)> courses)
    {
        if (string.Equals(name, "learnerId", StringComparison.OrdinalIgnoreCase))
        {
            learners.Add((index, read));
        }
        else if (string.Equals(name, "courseId", StringComparison.OrdinalIgnoreCase))
        {
            courses.Add((index, read));
        }
    }

    private static IResult Refusal() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not this partner's.",
        detail: "The learner or course belongs to another partner (or does not exist). A key sees only its own partner's learners and courses.",
        extensions: new Dictionary<string, object?> { ["code"] = AccessFailures.PartnerMismatch });
}
