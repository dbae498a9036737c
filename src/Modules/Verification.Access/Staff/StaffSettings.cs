using System.ComponentModel.DataAnnotations;

namespace Verification.Access.Staff;

/// <summary>Section <c>Access:Staff</c>: sign-in limits and the cookie's lifetime. Validated at start-up.</summary>
internal sealed class StaffSettings
{
    public const string SectionName = "Access:Staff";

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(3, 20)]
    public int LockoutThreshold { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, 1000)]
    public int SignInsPerAddressPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts per account (email) per minute, whatever the address.</summary>
    [Range(1, 1000)]
    public int SignInsPerAccountPerMinute { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    [Range(12, 128)]
    public int MinimumPasswordLength { get; set; } = 12;
}
