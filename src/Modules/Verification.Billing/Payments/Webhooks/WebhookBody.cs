using System.Text;
using Microsoft.AspNetCore.Http;

namespace Verification.Billing.Payments.Webhooks;

/// <summary>A webhook's body as the exact text that was signed, or null past 64 KB (no provider event comes near it).</summary>
internal static class WebhookBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
