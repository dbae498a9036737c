using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.Proctoring.Api;

namespace Verification.Proctoring.Identity;

/// <summary>Reads an uploaded picture: a raw <c>image/jpeg</c> or <c>image/png</c> body, or the first file of a multipart form.</summary>
internal static class EnrollmentImages
{
    public static async Task<(byte[]? Image, string? ContentType, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, null, TooLarge(maxBytes));
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest })
            {
                // A multipart body that ends before its closing boundary, or that breaks the multipart syntax, is the
                // sender's problem (or a dropped connection, which reads no answer): 400, not a 500.
                return (null, null, Incomplete());
            }

            var file = form.Files.Count > 0 ? form.Files[0] : null;
            if (file is null || !IsImageType(file.ContentType))
            {
                return (null, null, Unsupported());
            }

            if (file.Length > maxBytes)
            {
                return (null, null, TooLarge(maxBytes));
            }

            await using var stream = file.OpenReadStream();
            var bytes = await ReadLimitedAsync(stream, maxBytes, cancellationToken);
            return bytes is null ? (null, null, TooLarge(maxBytes)) : (bytes, file.ContentType, null);
        }

        var contentType = request.ContentType;
        if (!IsImageType(contentType))
        {
            return (null, null, Unsupported());
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(request.Body, maxBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest })
        {
            return (null, null, Incomplete());
        }

        return body is null ? (null, null, TooLarge(maxBytes)) : (body, contentType, null);
    }

    private static bool IsImageType(string? contentType) =>
        contentType is not null && (contentType.StartsWith("image/jpeg", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("image/png", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(int maxBytes) => ApiProblems.Create(
        StatusCodes.Status413PayloadTooLarge,
        "image_too_large",
        "The picture is too large.",
        $"Send a JPEG or PNG of at most {maxBytes / (1024 * 1024)} MB, for example a normal webcam snapshot.");

    private static ProblemHttpResult Incomplete() => ApiProblems.Create(
        StatusCodes.Status400BadRequest,
        "request_incomplete",
        "The upload ended early.",
        "The body ended before its announced length, or the multipart form before its closing boundary or is malformed. Send the picture again.");

    private static ProblemHttpResult Unsupported() => ApiProblems.Create(
        StatusCodes.Status415UnsupportedMediaType,
        "unsupported_media_type",
        "Send a JPEG or PNG picture.",
        "Send the picture as an image/jpeg or image/png body, or as a file in a multipart form.");
}
