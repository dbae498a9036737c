using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Certificates.Webhooks;

/// <summary>A partner lists its endpoints and deletes one (<c>webhooks:manage</c>); it sees and touches only its own.</summary>
internal static class ManageWebhooksEndpoints
{
    public sealed record WebhookEndpoint(Guid WebhookId, string Url, IReadOnlyList<string> Events, DateTime CreatedAt);

    public static void MapManageWebhooks(this RouteGroupBuilder partner)
    {
        partner.MapGet("", ListAsync)
            .WithSummary("The partner's webhook endpoints (without their secrets), oldest first.");
        partner.MapDelete("/{webhookId:guid}", DeleteAsync)
            .WithSummary("Delete an endpoint: nothing more is sent to it, its pending deliveries are given up, its delivery log stays.")
            .Refuses(StatusCodes.Status404NotFound, "webhook_not_found");
    }

    private static async Task<Ok<IReadOnlyList<WebhookEndpoint>>> ListAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var partnerId = Guid.TryParse(user.FindFirstValue(AccessClaims.PartnerId), out var own) ? own : Guid.Empty;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, string Url, string[] Events, DateTime CreatedAt)>(new CommandDefinition("""
            SELECT id, url, events, created_at FROM certificates.webhook_endpoints
            WHERE partner_id = @partnerId AND disabled_at IS NULL ORDER BY created_at, id
            """, new { partnerId }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<WebhookEndpoint>>([.. rows.Select(r => new WebhookEndpoint(r.Id, r.Url, r.Events, r.CreatedAt))]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid webhookId, ClaimsPrincipal user, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var partnerId = Guid.TryParse(user.FindFirstValue(AccessClaims.PartnerId), out var own) ? own : Guid.Empty;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE certificates.webhook_endpoints SET disabled_at = @now WHERE id = @webhookId AND partner_id = @partnerId AND disabled_at IS NULL
            """, new { webhookId, partnerId, now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE certificates.webhook_deliveries SET abandoned_at = @now
            WHERE endpoint_id = @webhookId AND @deleted AND delivered_at IS NULL AND abandoned_at IS NULL
            """, new { webhookId, now, deleted = deleted > 0 }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted > 0
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such webhook endpoint.",
                detail: "Check the webhook id: it is not one of this partner's endpoints, or it was already deleted.",
                extensions: new Dictionary<string, object?> { ["code"] = "webhook_not_found" });
    }
}
