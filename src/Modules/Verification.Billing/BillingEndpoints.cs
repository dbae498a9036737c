using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Aid;
using Verification.Billing.Api;
using Verification.Billing.Orders.GetBilling;
using Verification.Billing.Orders.PlaceOrder;
using Verification.Billing.Payments.Stripe;
using Verification.Billing.Payments.Webhooks;
using Verification.Billing.Refunds.RequestRefund;
using Verification.Billing.Subscriptions.Manage;
using Verification.Billing.Subscriptions.Plans;
using Verification.Billing.Subscriptions.Subscribe;
using Verification.BuildingBlocks.Access;

namespace Verification.Billing;

internal static class BillingEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var learners = endpoints.MapGroup("/api/v1/learners/{learnerId:guid}/billing").WithTags("Billing")
            .RequireAuthorization(AccessPolicies.Learner);
        learners.MapPlaceOrder();
        learners.MapGetBilling();
        learners.MapGetTrackOffer();
        learners.MapRequestRefund();
        learners.MapSubscribe();
        learners.MapManageSubscriptions();
        learners.MapApplyForAid();

        var admin = endpoints.MapGroup("/api/v1/billing").WithTags("Billing").RequireAuthorization(AccessPolicies.Admin);
        admin.MapDecideAid();
        admin.MapCreatePlan();

        endpoints.MapListPlans();

        endpoints.MapReceiveLocalWebhook();
        endpoints.MapReceiveStripeWebhook();
    }
}
