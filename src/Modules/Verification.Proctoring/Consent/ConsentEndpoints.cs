using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Consent.AcceptConsent;
using Verification.Proctoring.Consent.GetConsent;
using Verification.Proctoring.Consent.WithdrawConsent;

namespace Verification.Proctoring.Consent;

internal static class ConsentEndpoints
{
    public static void AddConsent(this IServiceCollection services)
    {
        services.AddSingleton<LiveConsent>();
        services.AddSingleton<AcceptConsentHandler>();
        services.AddSingleton<WithdrawConsentHandler>();
    }

    public static void MapConsent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetConsent();
        endpoints.MapAcceptConsent();
        endpoints.MapWithdrawConsent();
    }
}
