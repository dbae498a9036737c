using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Certificates.Api;
using Verification.Certificates.Codes;

namespace Verification.Certificates.PublicPage;

/// <summary><c>GET /verify/{code}</c>: anyone checks a certificate; limited per client address.</summary>
internal static class VerifyPageEndpoint
{
    public static void MapVerifyPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/verify/{code}", GetAsync)
            .AllowAnonymous()
            .RequireRateLimiting(CertificatesRateLimits.PublicPage)
            .ExcludeFromDescription();

    private static async Task<ContentHttpResult> GetAsync(string code, HttpRequest request, NpgsqlDataSource dataSource, IMediator mediator, CancellationToken cancellationToken)
    {
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        if (VerificationCode.Normalize(code) is not { } normalized || await CertificateRecord.ByCodeAsync(dataSource, normalized, cancellationToken) is not { } record)
        {
            return TypedResults.Content(VerifyPageHtml.NotFound(url), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var view = await CertificateView.OfAsync(record, mediator, cancellationToken);
        return TypedResults.Content(VerifyPageHtml.Render(view, url), "text/html; charset=utf-8");
    }
}
