using System.Threading.RateLimiting;

namespace Verification.Access.Staff;

/// <summary>
/// Sign-in attempts per account, whatever the client address (the address limit is the Host's rate-limiter policy
/// <see cref="AccessRateLimits.StaffSignIn"/>). Keyed by the email as typed, lower-case, so unknown emails are limited too.
/// </summary>
internal sealed class SignInThrottle(StaffSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.SignInsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.ToLowerInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
