using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verification.Host.Startup;
using Verification.Matching.Face;

namespace Verification.Host.Health;

/// <summary>The manifest check taken at start, and the session level each face model runs with and why.</summary>
internal sealed class ModelsHealthCheck(ModelsStatus status, FaceEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsHealthy)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("models: " + string.Join("; ", status.Problems)));
        }

        var sessions = new Dictionary<string, object>();
        foreach (var choice in engine.SessionChoices)
        {
            sessions[choice.Model.ToString()] = new
            {
                graphOptimizationLevel = choice.Level.ToString(),
                source = choice.Source.ToString(),
                medianMilliseconds = choice.MedianMilliseconds,
                measured = FaceEngineStartup.Describe(choice.Candidates),
            };
        }

        var summary = string.Join(", ", engine.SessionChoices.Select(c => $"{c.Model} {c.Level} ({c.Source})"));
        return Task.FromResult(HealthCheckResult.Healthy("models match the manifest; sessions: " + summary, sessions));
    }
}
