using Microsoft.AspNetCore.Http;

namespace Verification.BuildingBlocks.Web;

/// <summary>
/// A form an endpoint reads itself, to answer a missing field with its own refusal (the LTI messages): a body that is
/// not a form, breaks the form syntax or its limits (a multipart without boundary, too many fields) or ends early is
/// no form at all, so the endpoint's 400 answers it rather than a 500.
/// </summary>
public static class RequestForms
{
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest })
        {
            return null;
        }
    }
}
