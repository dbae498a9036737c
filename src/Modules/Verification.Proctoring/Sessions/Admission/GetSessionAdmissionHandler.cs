using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Sessions.Admission;

// Public for the Host's Mediator generator; the module's internal services come from the provider.
public sealed class GetSessionAdmissionHandler(IServiceProvider services) : IQueryHandler<GetSessionAdmission, SessionAdmission>
{
    public ValueTask<SessionAdmission> Handle(GetSessionAdmission query, CancellationToken cancellationToken)
    {
        var ticket = services.GetRequiredService<AdmissionControl>().Admit();
        return ValueTask.FromResult(new SessionAdmission(ticket.Refusal, ticket.RetryAfterSeconds, ticket));
    }
}
