using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Verification.Certificates.PublicPage;

/// <summary>
/// The public page's budget per client address and minute (<c>Certificates:PublicPageRequestsPerMinute</c>, 60 by
/// default), so codes cannot be tried in bulk. The Host's limiter answers 429 <c>rate_limited</c>.
/// </summary>
internal static class CertificatesRateLimits
{
    public const string PublicPage = "certificates.public-page";

    public static void AddCertificatesRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Certificates:PublicPageRequestsPerMinute", 60);
        services.AddOptions<RateLimiterOptions>().Configure(options => options.AddPolicy(PublicPage, (HttpContext context) =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
    }
}
