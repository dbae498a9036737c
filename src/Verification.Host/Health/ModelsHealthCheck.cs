using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Verification.Host.Health;

internal sealed class ModelsHealthCheck(ModelsStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.IsHealthy
            ? HealthCheckResult.Healthy("models match the manifest")
            : HealthCheckResult.Unhealthy("models: " + string.Join("; ", status.Problems)));
}
