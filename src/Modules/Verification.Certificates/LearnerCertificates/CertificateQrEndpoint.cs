using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using QRCoder;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Api;
using Verification.Certificates.Codes;
using Verification.Certificates.Credentials;

namespace Verification.Certificates.LearnerCertificates;

/// <summary>A PNG QR code of the certificate's public page, for the learner to print or share.</summary>
internal static class CertificateQrEndpoint
{
    public static void MapCertificateQr(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/learners/{learnerId:guid}/certificates/{certificateId:guid}/qr.png", GetAsync)
            .RequireAuthorization(AccessPolicies.Learner).WithTags("Certificates")
            .WithSummary("A PNG QR code of the certificate's public page (Certificates:PublicBaseUrl/verify/{code}).")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Refuses(StatusCodes.Status404NotFound, "certificate_not_found");

    public static byte[] Render(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        Guid learnerId, Guid certificateId, NpgsqlDataSource dataSource, CertificateSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var code = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT verification_code FROM certificates.certificates WHERE id = @certificateId AND learner_id = @learnerId",
            new { certificateId, learnerId }, cancellationToken: cancellationToken));
        return code is null
            ? CertificateProblems.NotFound()
            : TypedResults.File(Render(settings.VerifyUrl(VerificationCode.Display(code))), "image/png", $"certificate-{VerificationCode.Display(code)}-qr.png");
    }
}
