using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Sessions.Live;

namespace Verification.Proctoring.Sessions.EndAttemptSession;

// Public for the Host's Mediator generator; the module's internal services come from the provider.
public sealed class EndAttemptSessionHandler(IServiceProvider services) : ICommandHandler<Contracts.EndAttemptSession, AttemptSessionEnd>
{
    public async ValueTask<AttemptSessionEnd> Handle(Contracts.EndAttemptSession command, CancellationToken cancellationToken)
    {
        var open = services.GetRequiredService<LiveSessions>().FindOpen(command.LearnerId, command.CourseId, command.AssessmentId, command.Attempt);
        if (open is null)
        {
            // With several nodes (Redis configured) the player may be connected to another one.
            return services.GetService<EndOnOtherNode>() is { } elsewhere
                ? await elsewhere.EndAsync(command, cancellationToken)
                : new AttemptSessionEnd(null, null);
        }

        // No cancellation: like the player's EndSession, the platform's end must not leave the verdict half stored.
        var final = await services.GetRequiredService<SessionLifecycle>().EndAsync(open, timedOut: false);
        return new AttemptSessionEnd(final.SessionId, final.Verdict);
    }
}
