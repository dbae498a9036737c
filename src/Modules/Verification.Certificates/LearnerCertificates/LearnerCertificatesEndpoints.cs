using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Api;

namespace Verification.Certificates.LearnerCertificates;

/// <summary>The learner's own certificates (with their learner token), and hiding their name on the public page.</summary>
internal static class LearnerCertificatesEndpoints
{
    public sealed record NameVisibility(bool Hidden);

    public static void MapLearnerCertificates(this IEndpointRouteBuilder endpoints)
    {
        var learner = endpoints.MapGroup("/api/v1/learners/{learnerId:guid}/certificates").WithTags("Certificates").RequireAuthorization(AccessPolicies.Learner);
        learner.MapGet("", ListAsync)
            .WithSummary("The learner's certificates: status (held, issued, revoked), dates, code and the public page's path.");
        learner.MapPut("/{certificateId:guid}/name-visibility", SetNameVisibilityAsync)
            .WithSummary("Hide (hidden: true) or show the learner's name on the certificate's public page.")
            .Refuses(StatusCodes.Status404NotFound, "certificate_not_found");
    }

    private static async Task<Ok<IReadOnlyList<CertificateView>>> ListAsync(Guid learnerId, NpgsqlDataSource dataSource, IMediator mediator, CancellationToken cancellationToken)
    {
        var views = new List<CertificateView>();
        foreach (var record in await CertificateRecord.OfLearnerAsync(dataSource, learnerId, cancellationToken))
        {
            views.Add(await CertificateView.OfAsync(record, mediator, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<CertificateView>>(views);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetNameVisibilityAsync(
        Guid learnerId, Guid certificateId, NameVisibility body, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE certificates.certificates SET name_hidden = @Hidden WHERE id = @certificateId AND learner_id = @learnerId",
            new { body.Hidden, certificateId, learnerId }, cancellationToken: cancellationToken));
        return changed == 1 ? TypedResults.NoContent() : CertificateProblems.NotFound();
    }
}
