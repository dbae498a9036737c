namespace Verification.Lti.Policies;

/// <summary>
/// A partner's LTI policy: for each session flag (by its name, e.g. <c>FaceMismatch</c>) the ACS action the platform is
/// sent, a default for flags without a rule, and what a failed pre-exam check reports. Validated by
/// <see cref="PolicyValidation"/> before it is stored.
/// </summary>
internal sealed record PartnerPolicy(
    IReadOnlyDictionary<string, AcsRule>? Flags,
    AcsRule? Default,
    string? PreExamFailure)
{
    /// <summary>The pre-exam check failed: LtiStartAssessment goes without verified_user (the platform decides).</summary>
    public const string Unverified = "unverified";

    /// <summary>As <see cref="Unverified"/>, and the flags' ACS action is sent as soon as the assessment has started.</summary>
    public const string UnverifiedAndControl = "unverified_and_control";

    /// <summary>What a partner gets until it sets its own: every flag is a <c>flag</c> with the session's severity.</summary>
    public static PartnerPolicy BuiltIn { get; } = new(new Dictionary<string, AcsRule>(), new AcsRule(AcsActions.Flag, null, null, null, false), Unverified);

    /// <summary>The rule of the first of <paramref name="flags"/> that has one, else the default.</summary>
    public AcsRule RuleFor(IReadOnlyList<string> flags)
    {
        foreach (var flag in flags)
        {
            if (Flags is not null && Flags.TryGetValue(flag, out var rule))
            {
                return rule;
            }
        }

        return Default ?? BuiltIn.Default!;
    }
}

/// <summary>
/// One mapping: the ACS <c>action</c>, and optionally the <c>incident_severity</c> (0 to 1), <c>reason_code</c> and
/// <c>reason_msg</c> sent with it. <c>terminate</c> needs <see cref="ExplicitPartnerChoice"/>: every session flag is
/// a machine's finding, and the service never ends an exam on one unless the partner asked for exactly that.
/// </summary>
internal sealed record AcsRule(string? Action, double? Severity, string? ReasonCode, string? Message, bool ExplicitPartnerChoice);

/// <summary>The actions of LTI Proctoring Services 1.0's Assessment Control Service that a flag can map to.</summary>
internal static class AcsActions
{
    public const string Flag = "flag";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Terminate = "terminate";

    public static IReadOnlyList<string> All { get; } = [Flag, Pause, Resume, Terminate];
}
