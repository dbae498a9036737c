using System.Net.Mime;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Api;
using Verification.Certificates.Codes;

namespace Verification.Certificates.Credentials;

/// <summary>
/// What a verifier fetches (the JWKS and the status list, both public) and what the learner downloads (the credential
/// as an <c>EnvelopedVerifiableCredential</c> JSON file around the VC-JWT); an admin rotates the signing key.
/// </summary>
internal static class CredentialEndpoints
{
    public sealed record RotatedKey(string KeyId);

    public static void MapCredentials(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/jwks.json", JwksAsync).AllowAnonymous().WithTags("Certificates")
            .WithSummary("The public keys (JWKS) that verify every credential this service signed, retired keys included.")
            .Produces(StatusCodes.Status200OK, contentType: "application/jwk-set+json");
        endpoints.MapGet("/credentials/status/1", StatusListAsync).AllowAnonymous().WithTags("Certificates")
            .WithSummary("The revocation status list: a signed BitstringStatusListCredential as a VC-JWT (application/vc+jwt).")
            .Produces(StatusCodes.Status200OK, contentType: "application/vc+jwt");
        endpoints.MapGet("/api/v1/learners/{learnerId:guid}/certificates/{certificateId:guid}/credential", DownloadAsync)
            .RequireAuthorization(AccessPolicies.Learner).WithTags("Certificates")
            .WithSummary("Download the issued certificate's Open Badges 3.0 credential: a JSON EnvelopedVerifiableCredential around its VC-JWT. 404 certificate_not_found while it is held or revoked.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Refuses(StatusCodes.Status404NotFound, "certificate_not_found");
        endpoints.MapPost("/api/v1/admin/certificates/signing-keys/rotate", RotateAsync)
            .RequireAuthorization(AccessPolicies.Admin).WithTags("Certificates")
            .WithSummary("Retire the signing key and make a new one; the JWKS keeps the old key so earlier credentials still verify.");
    }

    private static async Task<ContentHttpResult> JwksAsync(SigningKeyStore keys, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Content(await keys.JwksAsync(cancellationToken), "application/jwk-set+json");
    }

    private static async Task<ContentHttpResult> StatusListAsync(StatusList list, CancellationToken cancellationToken) =>
        TypedResults.Content(await list.SignedAsync(cancellationToken), "application/vc+jwt");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid learnerId, Guid certificateId, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<(string Jwt, string Code)?>(new CommandDefinition("""
            SELECT r.jwt, c.verification_code FROM certificates.credentials r JOIN certificates.certificates c ON c.id = r.certificate_id
            WHERE c.id = @certificateId AND c.learner_id = @learnerId AND c.status = 'issued' AND r.revoked_at IS NULL
            """, new { certificateId, learnerId }, cancellationToken: cancellationToken));
        if (found is not { } credential)
        {
            return CertificateProblems.NotFound();
        }

        return TypedResults.File(CredentialFile.Write(credential.Jwt), MediaTypeNames.Application.Json, $"certificate-{VerificationCode.Display(credential.Code)}.json");
    }

    private static async Task<Ok<RotatedKey>> RotateAsync(SigningKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RotatedKey(await keys.RotateAsync(cancellationToken)));
}
