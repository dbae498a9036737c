namespace Verification.Lti;

/// <summary>The claim names of LTI Core 1.3 and LTI Proctoring Services 1.0, exactly as the specifications spell them.</summary>
internal static class LtiClaims
{
    public const string MessageType = "https://purl.imsglobal.org/spec/lti/claim/message_type";
    public const string Version = "https://purl.imsglobal.org/spec/lti/claim/version";
    public const string DeploymentId = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";
    public const string ResourceLink = "https://purl.imsglobal.org/spec/lti/claim/resource_link";
    public const string Context = "https://purl.imsglobal.org/spec/lti/claim/context";
    public const string Roles = "https://purl.imsglobal.org/spec/lti/claim/roles";
    public const string TargetLinkUri = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri";

    public const string AttemptNumber = "https://purl.imsglobal.org/spec/lti-ap/claim/attempt_number";
    public const string SessionData = "https://purl.imsglobal.org/spec/lti-ap/claim/session_data";
    public const string StartAssessmentUrl = "https://purl.imsglobal.org/spec/lti-ap/claim/start_assessment_url";
    public const string VerifiedUser = "https://purl.imsglobal.org/spec/lti-ap/claim/verified_user";
    public const string Acs = "https://purl.imsglobal.org/spec/lti-ap/claim/acs";
    public const string EndAssessmentReturn = "https://purl.imsglobal.org/spec/lti-ap/claim/end_assessment_return";

    public const string LtiVersion = "1.3.0";
    public const string StartProctoring = "LtiStartProctoring";
    public const string StartAssessment = "LtiStartAssessment";
    public const string EndAssessment = "LtiEndAssessment";

    public const string AcsScope = "https://purl.imsglobal.org/spec/lti-ap/scope/control.all";
    public const string AcsMediaType = "application/vnd.ims.lti-ap.v1.control+json";
}
