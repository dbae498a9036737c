using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Api;
using Verification.Certificates.Codes;

namespace Verification.Certificates.Lookup;

/// <summary>A platform looks a certificate up by its code, with a key carrying <c>certificates:read</c>.</summary>
internal static class CertificateLookupEndpoint
{
    public sealed record PartnerCertificate(Guid LearnerId, Guid CourseId, CertificateView Certificate, string? RevocationReason);

    public static void MapCertificateLookup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/certificates/{code}", GetAsync)
            .RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.CertificatesRead))
            .WithTags("Certificates")
            .WithSummary("A certificate by its verification code (any case, dashes optional): status, dates, learner and course. Another partner's certificate answers 404 certificate_not_found.")
            .Refuses(StatusCodes.Status404NotFound, "certificate_not_found");

    private static async Task<Results<Ok<PartnerCertificate>, ProblemHttpResult>> GetAsync(
        string code, ClaimsPrincipal user, NpgsqlDataSource dataSource, IMediator mediator, CancellationToken cancellationToken)
    {
        if (VerificationCode.Normalize(code) is not { } normalized
            || await CertificateRecord.ByCodeAsync(dataSource, normalized, cancellationToken) is not { } record
            || !MaySee(user, record.PartnerId))
        {
            return CertificateProblems.NotFound();
        }

        var view = await CertificateView.OfAsync(record, mediator, cancellationToken);
        return TypedResults.Ok(new PartnerCertificate(record.LearnerId, record.CourseId, view, record.RevocationReason));
    }

    // The key's partner, as the Host's ApiKey scheme put it on the principal; an admin acts for any partner.
    private static bool MaySee(ClaimsPrincipal user, Guid partnerId) =>
        user.IsInRole(StaffRoles.Admin) || (Guid.TryParse(user.FindFirstValue(AccessClaims.PartnerId), out var own) && own == partnerId);
}
