using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;

namespace Verification.Billing.Aid;

/// <summary>
/// Admins list pending aid applications and approve (the track is then paid at zero) or decline them. A decision is
/// audited in the transaction that records it: it grants or refuses a fee waiver, so who decided must be provable.
/// </summary>
internal static class DecideAidEndpoints
{
    public sealed record AidDecision(bool Approve, string? Note);

    private const string Decide = """
        UPDATE billing.aid_applications SET status = CASE WHEN @Approve THEN 'approved' ELSE 'declined' END, decided_by = @staffId,
            decision_note = @Note, decided_at = @now
        WHERE id = @applicationId AND status = 'pending'
        RETURNING
        """ + " " + AidView.Columns;

    public static void MapDecideAid(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/aid-applications", ListPendingAsync).WithName("ListPendingAidApplications")
            .WithSummary("Financial-aid applications waiting for a decision, oldest first.");
        admin.MapPost("/aid-applications/{applicationId:guid}/decision", DecideAsync).WithName("DecideAidApplication")
            .WithSummary("Approve (the track is paid at zero) or decline a pending financial-aid application.")
            .Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "aid_application_not_pending");
    }

    private static async Task<Ok<IReadOnlyList<AidView>>> ListPendingAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AidView>(new CommandDefinition(
            "SELECT " + AidView.Columns + " FROM billing.aid_applications WHERE status = 'pending' ORDER BY created_at LIMIT 500", cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<AidView>>([.. rows]);
    }

    private static async Task<Results<Ok<AidView>, ProblemHttpResult>> DecideAsync(
        Guid applicationId, AidDecision decision, ClaimsPrincipal user, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (decision.Note is { Length: > 2000 })
        {
            return BillingProblems.Invalid("The note is at most 2000 characters.");
        }

        var staffId = Guid.TryParse(user.FindFirstValue(AccessClaims.StaffId), out var id) ? id : (Guid?)null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var view = await connection.QuerySingleOrDefaultAsync<AidView>(new CommandDefinition(
            Decide, new { decision.Approve, decision.Note, staffId, applicationId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (view is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return BillingProblems.Create(StatusCodes.Status404NotFound, "aid_application_not_pending", "No pending application with this id.", "It may have been decided already.");
        }

        // The note is the admin's free text and may name the learner's circumstances: the audit keeps only whether there was one.
        var data = JsonSerializer.Serialize(new { learnerId = view.LearnerId, trackId = view.CertificateTrackId, status = view.Status, noted = decision.Note is { Length: > 0 } });
        await audit.AppendAsync(connection, transaction, new AuditEntry(staffId is { } staff ? $"staff:{staff}" : "staff:unknown", "billing.aid." + view.Status, $"aid_application:{applicationId}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        loggers.CreateLogger(typeof(DecideAidEndpoints)).LogInformation("Aid application {ApplicationId} {Status}", applicationId, view.Status);
        return TypedResults.Ok(view);
    }
}
