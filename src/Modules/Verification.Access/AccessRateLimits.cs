namespace Verification.Access;

/// <summary>Names of the Host's rate-limiter policies that Access endpoints use.</summary>
internal static class AccessRateLimits
{
    /// <summary>Staff sign-in, partitioned by client address.</summary>
    public const string StaffSignIn = "staff-sign-in";
}
