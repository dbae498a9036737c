using Mediator;
using Microsoft.Extensions.Configuration;
using Verification.Enrollment.Contracts;

namespace Verification.Proctoring.Identity;

/// <summary>The phrase a learner types: "I, &lt;full name&gt;, certify that the work I submit is my own", with the name as registered.</summary>
internal sealed class TypingPhrase(IConfiguration configuration)
{
    public static string Certification(string fullName) => $"I, {fullName.Trim()}, certify that the work I submit is my own";

    /// <summary>The learner's phrase, or null when the learner is not registered.</summary>
    public async Task<string?> ForAsync(IMediator mediator, Guid learnerId, CancellationToken cancellationToken)
    {
        var configured = configuration[EnrollmentSettings.TypingPhraseSetting];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var learner = await mediator.Send(new GetLearner(learnerId, null), cancellationToken);
        return learner is null ? null : Certification(learner.FullName);
    }
}
