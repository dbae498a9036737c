using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;

namespace Verification.Host.Startup;

/// <summary>
/// Loads the face engine before the Host takes traffic: measuring the session levels on an idle process gives the
/// machine's figures, not a busy one's, and the first learner does not wait for it. Logs each model's choice.
/// </summary>
internal sealed class FaceEngineStartup(IServiceProvider services, ILogger<FaceEngineStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<FaceEngine>();
        foreach (var choice in engine.SessionChoices)
        {
            if (choice.Source == SessionChoiceSource.Configured)
            {
                logger.LogInformation("Face model {Model} runs with graph optimisation {GraphOptimizationLevel} (configured)", choice.Model, choice.Level);
                continue;
            }

            logger.LogInformation(
                "Face model {Model} runs with graph optimisation {GraphOptimizationLevel} ({ChoiceSource}, median {MedianMilliseconds} ms); measured: {Candidates}",
                choice.Model, choice.Level, choice.Source, choice.MedianMilliseconds, Describe(choice.Candidates));
        }

        logger.LogInformation("Face sessions ready in {ElapsedMilliseconds} ms", Math.Round(engine.SessionChoiceTime.TotalMilliseconds));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Describe(IReadOnlyList<SessionCandidateTiming> candidates) =>
        candidates.Count == 0 ? "none" : string.Join(", ", candidates.Select(c => FormattableString.Invariant($"{c.Level} {c.MedianMilliseconds:0.###} ms ({c.Runs} runs)")));
}
