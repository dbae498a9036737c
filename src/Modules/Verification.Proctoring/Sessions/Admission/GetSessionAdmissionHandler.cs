using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Sessions.Telemetry;

namespace Verification.Proctoring.Sessions.Admission;

// Public for the Host's Mediator generator; the module's internal services come from the provider.
public sealed class GetSessionAdmissionHandler(IServiceProvider services) : IQueryHandler<GetSessionAdmission, SessionAdmission>
{
    public ValueTask<SessionAdmission> Handle(GetSessionAdmission query, CancellationToken cancellationToken)
    {
        var admission = services.GetRequiredService<AdmissionControl>();
        var refusal = admission.Refusal(services.GetRequiredService<LiveSessions>().CountLive());
        if (refusal is not null)
        {
            services.GetRequiredService<ProctoringMetrics>().SessionRefused("server_busy");
        }

        return ValueTask.FromResult(new SessionAdmission(refusal, admission.RetryAfterSeconds));
    }
}
