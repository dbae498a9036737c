namespace Verification.Lti.Launch;

/// <summary>Why a launch was refused: a stable code and a sentence for the LMS administrator.</summary>
internal sealed record LaunchRefusal(int Status, string Code, string Detail)
{
    public static readonly string[] RequestCodes = ["lti_request_invalid", "lti_state_mismatch", "lti_state_unknown", "lti_state_used", "lti_state_expired"];

    public static readonly string[] TokenCodes =
    [
        "lti_token_malformed", "lti_issuer_invalid", "lti_signature_invalid", "lti_platform_keys_unavailable", "lti_audience_invalid", "lti_azp_invalid",
        "lti_token_expired", "lti_iat_invalid", "lti_nonce_invalid", "lti_nonce_replayed", "lti_deployment_unknown", "lti_version_unsupported",
        "lti_message_type_unsupported", "lti_claim_missing",
    ];

    public static LaunchRefusal Request(string code, string detail) => new(400, code, detail);

    public static LaunchRefusal Token(string code, string detail) => new(401, code, detail);
}
