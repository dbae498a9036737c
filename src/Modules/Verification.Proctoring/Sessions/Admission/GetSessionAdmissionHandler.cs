using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Sessions.Admission;

// Public for the Host's Mediator generator; the module's internal services come from the provider.
public sealed class GetSessionAdmissionHandler(IServiceProvider services) : IQueryHandler<GetSessionAdmission, SessionAdmission>
{
    public ValueTask<SessionAdmission> Handle(GetSessionAdmission query, CancellationToken cancellationToken)
    {
        var admission = services.GetRequiredService<AdmissionControl>();
        var refusal = admission.RefuseNewSession();
        return ValueTask.FromResult(new SessionAdmission(refusal, admission.RetryAfterSeconds));
    }
}
