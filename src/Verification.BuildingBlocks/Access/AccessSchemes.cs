namespace Verification.BuildingBlocks.Access;

/// <summary>The authentication schemes the Host registers.</summary>
public static class AccessSchemes
{
    public const string LearnerToken = "LearnerToken";
    public const string ApiKey = "ApiKey";
    public const string StaffCookie = "StaffCookie";
}
