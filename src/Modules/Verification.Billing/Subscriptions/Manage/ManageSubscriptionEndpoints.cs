using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;
using Verification.Billing.Payments;

namespace Verification.Billing.Subscriptions.Manage;

/// <summary>The learner's subscriptions: list, cancel at the period's end, undo that before the end, change the card.</summary>
internal static class ManageSubscriptionEndpoints
{
    public sealed record CardRequest(string? Card);

    public static void MapManageSubscriptions(this IEndpointRouteBuilder learners)
    {
        learners.MapGet("/subscriptions", ListAsync).WithName("ListSubscriptions")
            .WithSummary("The learner's subscriptions with their status, period end and renewal attempts.");
        learners.MapPost("/subscriptions/{subscriptionId:guid}/cancel", CancelAsync).WithName("CancelSubscription")
            .WithSummary("Cancel at the end of the current period: the tracks stay unlocked until then.")
            .Refuses(StatusCodes.Status404NotFound, "subscription_not_found").Refuses(StatusCodes.Status409Conflict, "subscription_ended");
        learners.MapPost("/subscriptions/{subscriptionId:guid}/reactivate", ReactivateAsync).WithName("ReactivateSubscription")
            .WithSummary("Undo a cancellation before the period ends; renewal resumes.")
            .Refuses(StatusCodes.Status404NotFound, "subscription_not_found").Refuses(StatusCodes.Status409Conflict, "subscription_ended");
        learners.MapPut("/subscriptions/{subscriptionId:guid}/card", ChangeCardAsync).WithName("ChangeSubscriptionCard")
            .WithSummary("Change the card renewals are charged to; a subscription past due is retried with it at its next attempt.")
            .Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "subscription_not_found").Refuses(StatusCodes.Status409Conflict, "subscription_ended");
    }

    private static async Task<Ok<IReadOnlyList<SubscriptionView>>> ListAsync(Guid learnerId, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(
            SubscriptionRow.Select + " WHERE s.learner_id = @learnerId ORDER BY s.created_at DESC", new { learnerId }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<SubscriptionView>>([.. rows.Select(r => r.ToView())]);
    }

    private static Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> CancelAsync(Guid learnerId, Guid subscriptionId, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        ChangeAsync(dataSource, learnerId, subscriptionId, "UPDATE billing.subscriptions SET cancel_at_period_end = true WHERE id = @subscriptionId", new { subscriptionId }, cancellationToken);

    private static Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> ReactivateAsync(Guid learnerId, Guid subscriptionId, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        ChangeAsync(dataSource, learnerId, subscriptionId, "UPDATE billing.subscriptions SET cancel_at_period_end = false WHERE id = @subscriptionId", new { subscriptionId }, cancellationToken);

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> ChangeCardAsync(
        Guid learnerId, Guid subscriptionId, CardRequest request, NpgsqlDataSource dataSource, IPaymentProvider provider, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Card) || request.Card.Length > 64 || provider.PaymentMethodFor(request.Card.Trim()) is not { } method)
        {
            return BillingProblems.Invalid("Give the card number (with Stripe, the PaymentMethod id from Stripe's page).");
        }

        return await ChangeAsync(dataSource, learnerId, subscriptionId, "UPDATE billing.subscriptions SET payment_method = @card WHERE id = @subscriptionId",
            new { subscriptionId, card = method }, cancellationToken);
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> ChangeAsync(
        NpgsqlDataSource dataSource, Guid learnerId, Guid subscriptionId, string update, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var select = SubscriptionRow.Select + " WHERE s.id = @subscriptionId AND s.learner_id = @learnerId";
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(select + " FOR UPDATE OF s", new { subscriptionId, learnerId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return BillingProblems.Create(StatusCodes.Status404NotFound, "subscription_not_found", "No such subscription.", "Check the subscription id.");
        }

        if (row.Status is not ("active" or "past_due" or "incomplete"))
        {
            return BillingProblems.Create(StatusCodes.Status409Conflict, "subscription_ended", "The subscription has ended.", "Subscribe again to the plan.");
        }

        await connection.ExecuteAsync(new CommandDefinition(update, parameters, transaction, cancellationToken: cancellationToken));
        row = await connection.QuerySingleAsync<SubscriptionRow>(new CommandDefinition(select, new { subscriptionId, learnerId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(row.ToView());
    }
}
