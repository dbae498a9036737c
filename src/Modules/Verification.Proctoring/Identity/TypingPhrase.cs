using Mediator;
using Microsoft.Extensions.Configuration;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Identity.Pledges;

namespace Verification.Proctoring.Identity;

/// <summary>
/// The phrase a learner types: a pledge in their language that their keyboard types directly (<see cref="PledgeCatalog"/>),
/// or the phrase <c>Proctoring:TypingPhrase</c> sets for everyone (evaluations use the CMU password).
/// </summary>
internal sealed class TypingPhrase(IConfiguration configuration, PledgeCatalog pledges)
{
    /// <summary>The learner's pledge, or null when the learner is not registered.</summary>
    public async Task<PledgeChoice?> ForAsync(IMediator mediator, Guid learnerId, string? locale, string? keyboard, CancellationToken cancellationToken)
    {
        var configured = configuration[EnrollmentSettings.TypingPhraseSetting];
        if (!string.IsNullOrEmpty(configured))
        {
            return new PledgeChoice(configured, "und", PledgeKeyboard.Latin, NativeAvailable: false);
        }

        var learner = await mediator.Send(new GetLearner(learnerId, null), cancellationToken);
        return learner is null ? null : pledges.Choose(learnerId, locale, ParseKeyboard(keyboard));
    }

    private static PledgeKeyboard? ParseKeyboard(string? keyboard) => keyboard switch
    {
        "latin" => PledgeKeyboard.Latin,
        "native" => PledgeKeyboard.Native,
        _ => null,
    };
}
