using Verification.Matching.Fusion;

namespace Verification.Lti.Policies;

/// <summary>Why a policy is refused (null when it is sound): the code names the failure, the detail what to change.</summary>
internal static class PolicyValidation
{
    public sealed record Refusal(string Code, string Detail);

    private const int MaximumCode = 64;
    private const int MaximumMessage = 500;

    public static Refusal? Check(PartnerPolicy? policy)
    {
        if (policy is null)
        {
            return new("policy_invalid", "Send a policy: flags, default and preExamFailure.");
        }

        if (policy.PreExamFailure is not (PartnerPolicy.Unverified or PartnerPolicy.UnverifiedAndControl))
        {
            return new("policy_invalid", $"preExamFailure is '{PartnerPolicy.Unverified}' or '{PartnerPolicy.UnverifiedAndControl}'.");
        }

        foreach (var (flag, rule) in policy.Flags ?? new Dictionary<string, AcsRule>())
        {
            if (!Enum.GetNames<SessionFlagKind>().Contains(flag, StringComparer.Ordinal))
            {
                return new("policy_invalid", $"'{flag}' is not a session flag; the flags are {string.Join(", ", Enum.GetNames<SessionFlagKind>())}.");
            }

            if (Invalid(rule, $"the rule for {flag}") is { } refusal)
            {
                return refusal;
            }
        }

        return policy.Default is null ? new("policy_invalid", "Give a default rule for the flags without one.") : Invalid(policy.Default, "the default rule");
    }

    private static Refusal? Invalid(AcsRule? rule, string where)
    {
        if (rule is null || !AcsActions.All.Contains(rule.Action))
        {
            return new("policy_invalid", $"The action of {where} is one of {string.Join(", ", AcsActions.All)}.");
        }

        if (rule.Severity is { } severity && (double.IsNaN(severity) || severity < 0 || severity > 1))
        {
            return new("policy_invalid", $"The severity of {where} is from 0 to 1.");
        }

        if (rule.ReasonCode is { } code && (code.Length is 0 or > MaximumCode || code.Any(char.IsControl)))
        {
            return new("policy_invalid", $"The reason code of {where} has 1 to {MaximumCode} characters, no control characters.");
        }

        if (rule.Message is { } message && (message.Length is 0 or > MaximumMessage || message.Any(c => char.IsControl(c) && c != '\n')))
        {
            return new("policy_invalid", $"The message of {where} has 1 to {MaximumMessage} characters.");
        }

        if (rule.Action == AcsActions.Terminate && !rule.ExplicitPartnerChoice)
        {
            return new("policy_terminate_not_explicit",
                $"{where} would terminate an exam on a machine-only finding; the service does that only when the partner marks it as its explicit choice (explicitPartnerChoice: true).");
        }

        return null;
    }
}
