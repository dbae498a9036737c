namespace Verification.BuildingBlocks.Access;

/// <summary>Claim types the Host's authentication schemes put on the caller's <c>ClaimsPrincipal</c>.</summary>
public static class AccessClaims
{
    /// <summary>The learner a learner token is for (a GUID).</summary>
    public const string LearnerId = "learner_id";

    /// <summary>The partner a key or a learner token belongs to (a GUID).</summary>
    public const string PartnerId = "partner_id";

    public const string CourseId = "course_id";
    public const string AssessmentId = "assessment_id";
    public const string Attempt = "attempt";

    /// <summary><c>enrollment</c> or <c>session</c> for learner tokens.</summary>
    public const string Purpose = "purpose";

    /// <summary>One claim per scope on a partner key.</summary>
    public const string Scope = "scope";

    /// <summary>The API key's id, for audit.</summary>
    public const string KeyId = "key_id";

    /// <summary>The staff account's id (a GUID).</summary>
    public const string StaffId = "staff_id";

    /// <summary>The account's session stamp when the cookie was issued (a GUID); a new stamp ends every earlier cookie.</summary>
    public const string StaffSessionStamp = "staff_session";

    /// <summary>The organisation a program administrator's account is bound to (a GUID).</summary>
    public const string OrganisationId = "organisation_id";
}
