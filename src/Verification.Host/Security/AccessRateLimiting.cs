using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Verification.Access;
using Verification.Access.Staff;
using Verification.BuildingBlocks.Access;

namespace Verification.Host.Security;

/// <summary>
/// Each API key gets its own budget per minute (partitioned by key id, after authentication), and staff sign-in its own
/// per client address. Refusals are 429 problem details with <c>code</c> <c>rate_limited</c> and <c>Retry-After</c>.
/// </summary>
internal static class AccessRateLimiting
{
    public static void AddAccessRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiKeySettings>, IOptions<StaffSettings>>((options, keys, staff) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.FindFirstValue(AccessClaims.KeyId) is { } keyId
                    ? RateLimitPartition.GetFixedWindowLimiter(keyId, _ => Window(keys.Value.RequestsPerMinute))
                    : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(AccessRateLimits.StaffSignIn, context =>
                RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Window(staff.Value.SignInsPerAddressPerMinute)));
            options.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(AccessProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, AccessFailures.RateLimited, "Too many requests.", "Wait for the time in Retry-After, then try again."));
            };
        });
        services.AddRateLimiter(_ => { });
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
