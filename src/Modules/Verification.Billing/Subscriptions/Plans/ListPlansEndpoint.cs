using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Verification.Billing.Subscriptions.Plans;

/// <summary>The plans on offer, public like a price list: a learner chooses one before subscribing.</summary>
internal static class ListPlansEndpoint
{
    public static void MapListPlans(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/billing/plans", ListAsync).WithName("ListSubscriptionPlans").WithTags("Billing").AllowAnonymous()
            .WithSummary("The subscription plans: monthly or yearly price, currency, and the certificate tracks each unlocks while active.");

    private static async Task<Ok<IReadOnlyList<PlanView>>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PlanView>(new CommandDefinition(PlanView.Select + " ORDER BY price_minor, name LIMIT 200", cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<PlanView>>([.. rows]);
    }
}
