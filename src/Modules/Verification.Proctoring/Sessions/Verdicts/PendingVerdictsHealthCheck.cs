using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Verification.Proctoring.Sessions.Verdicts;

/// <summary>Readiness says when verdicts are waiting for the database: they are safe in memory, but not yet stored.</summary>
internal sealed class PendingVerdictsHealthCheck(PendingVerdicts pending) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(pending.Count == 0
            ? HealthCheckResult.Healthy("no verdict waiting")
            : HealthCheckResult.Degraded($"{pending.Count} verdicts waiting for the database"));
}
