using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;

namespace Verification.Billing.Orders.GetBilling;

/// <summary>The learner's orders (receipts, refund deadlines) and one order, for the player to follow a payment.</summary>
internal static class GetBillingEndpoints
{
    private const string ByLearner = "SELECT " + OrderRow.Columns + " FROM billing.orders WHERE learner_id = @learnerId ORDER BY created_at DESC, id DESC";
    private const string One = "SELECT " + OrderRow.Columns + " FROM billing.orders WHERE learner_id = @learnerId AND id = @orderId";

    public static void MapGetBilling(this IEndpointRouteBuilder learners)
    {
        learners.MapGet("/orders", ListAsync).WithName("ListLearnerOrders")
            .WithSummary("The learner's orders, newest first: status, receipt and the refund deadline while a refund is allowed.");
        learners.MapGet("/orders/{orderId:guid}", GetAsync).WithName("GetLearnerOrder")
            .WithSummary("One of the learner's orders: pending until the provider confirms the payment.")
            .Refuses(StatusCodes.Status404NotFound, "order_not_found");
    }

    private static async Task<Ok<IReadOnlyList<OrderView>>> ListAsync(Guid learnerId, NpgsqlDataSource dataSource, BillingSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrderRow>(new CommandDefinition(ByLearner, new { learnerId }, cancellationToken: cancellationToken));
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<OrderView>>([.. rows.Select(r => r.ToView(settings.RefundWindow, now))]);
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(
        Guid learnerId, Guid orderId, NpgsqlDataSource dataSource, BillingSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(One, new { learnerId, orderId }, cancellationToken: cancellationToken));
        return row is null ? BillingProblems.OrderNotFound() : TypedResults.Ok(row.ToView(settings.RefundWindow, time.GetUtcNow()));
    }
}
