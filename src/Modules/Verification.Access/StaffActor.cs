using System.Reflection;
using Microsoft.AspNetCore.Http;
using Verification.BuildingBlocks.Access;

namespace Verification.Access;

/// <summary>Who an admin endpoint acts for, as the audit log names them: <c>staff:{id}</c>. Bound from the signed-in principal.</summary>
internal sealed record StaffActor(string Name)
{
    public static ValueTask<StaffActor?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<StaffActor?>(new StaffActor("staff:" + (context.User.FindFirst(AccessClaims.StaffId)?.Value ?? throw new InvalidOperationException("An admin endpoint ran without a staff principal."))));
}
