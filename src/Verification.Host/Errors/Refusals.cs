namespace Verification.Host.Errors;

/// <summary>Writes a refusal as RFC 9457 problem details with the <c>code</c> extension the modules' own refusals carry.</summary>
internal static class Refusals
{
    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problemDetails, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }
}
