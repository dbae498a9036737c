using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Spectre.Console.Cli;

namespace Verification.Cli.Certificates;

/// <summary>
/// <c>verification verify-certificate FILE [--keys JWKS] [--offline]</c>: checks a downloaded credential's signature
/// against the published keys (or a keys file: no database, no network) and, when online, its status-list entry. Exit
/// 0: genuine and not revoked (or status not checked); 1: not genuine, changed, or revoked, with the reason; 2: cannot read.
/// </summary>
internal sealed class VerifyCertificateCommand : AsyncCommand<VerifyCertificateCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The downloaded credential: the JSON file (EnvelopedVerifiableCredential) or a bare VC-JWT.")]
        public string File { get; init; } = "";

        [CommandOption("--keys <JWKS>")]
        [Description("A JWKS file with the issuer's public keys; without it they are fetched from the issuer's /.well-known/jwks.json.")]
        public string? Keys { get; init; }

        [CommandOption("--offline")]
        [Description("Do not fetch the status list.")]
        public bool Offline { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        byte[] file;
        string? keysJson = null;
        try
        {
            file = await System.IO.File.ReadAllBytesAsync(settings.File, cancellationToken);
            if (settings.Keys is not null)
            {
                keysJson = await System.IO.File.ReadAllTextAsync(settings.Keys, cancellationToken);
            }
        }
        catch (IOException ex)
        {
            Console.WriteLine("verify-certificate cannot read its input: " + ex.Message);
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var result = await CredentialCheck.RunAsync(file, keysJson, settings.Offline ? null : http, cancellationToken);
        foreach (var line in result.Lines)
        {
            Console.WriteLine(line);
        }

        return result.Genuine && !result.Revoked ? 0 : 1;
    }
}

/// <summary>The checks, in order; the first failure ends them with its reason.</summary>
internal static class CredentialCheck
{
    private const string EnvelopePrefix = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"id\":\"data:application/vc+jwt,";
    private const string EnvelopeSuffix = "\",\"type\":\"EnvelopedVerifiableCredential\"}";

    public sealed record Result(bool Genuine, bool Revoked, IReadOnlyList<string> Lines);

    public static async Task<Result> RunAsync(byte[] file, string? keysJson, HttpClient? online, CancellationToken cancellationToken)
    {
        if (Unwrap(file) is not { } jwt)
        {
            return Invalid("the file is not a credential as issued: its envelope around the signed VC-JWT was changed");
        }

        var parts = jwt.Split('.');
        if (parts.Length != 3 || parts.Any(p => !IsCanonicalBase64Url(p)))
        {
            return Invalid("the VC-JWT is malformed: a part is not canonical base64url (a changed character)");
        }

        JsonElement header, payload;
        try
        {
            header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0])).RootElement;
            payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1])).RootElement;
        }
        catch (JsonException)
        {
            return Invalid("the VC-JWT's header or payload is not JSON");
        }

        if (header.TryGetProperty("alg", out var alg) && alg.GetString() is not ("ES256" or "EdDSA"))
        {
            return Invalid($"the signature algorithm {alg} is not accepted (ES256 or EdDSA)");
        }

        var kid = header.TryGetProperty("kid", out var k) ? k.GetString() : null;
        var issuer = Text(payload, "issuer", "id");
        if (keysJson is null)
        {
            if (online is null || Origin(issuer) is not { } origin)
            {
                return Invalid("no keys: give --keys JWKS, or go online so the issuer's keys can be fetched");
            }

            try
            {
                keysJson = await online.GetStringAsync(new Uri(origin + "/.well-known/jwks.json"), cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return Invalid("the issuer's keys could not be fetched: " + ex.Message);
            }
        }

        var keys = new JsonWebKeySet(keysJson).GetSigningKeys();
        if (!keys.Any(key => key.KeyId == kid))
        {
            return Invalid($"the credential names key {kid}, which the keys do not hold");
        }

        var check = await Signature(jwt, keys);
        if (!check.IsValid)
        {
            return Invalid("the signature does not match the credential: it was changed after signing, or signed by another key");
        }

        if (!payload.TryGetProperty("type", out var types) || !types.EnumerateArray().Any(t => t.GetString() == "OpenBadgeCredential"))
        {
            return Invalid("the signed document is not an OpenBadgeCredential");
        }

        var lines = new List<string>
        {
            $"credential genuine: signed with ES256 key {kid}",
            $"issuer: {Text(payload, "issuer", "name")} ({issuer})",
            $"achievement: {Text(payload, "credentialSubject", "achievement", "name")}",
            $"valid from: {Text(payload, "validFrom")}",
        };
        if (online is null)
        {
            lines.Add("status: not checked (offline)");
            return new Result(true, false, lines);
        }

        var listUrl = Text(payload, "credentialStatus", "statusListCredential");
        var index = int.TryParse(Text(payload, "credentialStatus", "statusListIndex"), out var i) ? i : -1;
        try
        {
            var listJwt = (await online.GetStringAsync(new Uri(listUrl ?? ""), cancellationToken)).Trim();
            if (!(await Signature(listJwt, keys)).IsValid)
            {
                lines.Add("status: unknown (the status list's signature does not verify with these keys)");
                return new Result(true, false, lines);
            }

            var list = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(listJwt.Split('.')[1])).RootElement;
            var revoked = IsSet(Text(list, "credentialSubject", "encodedList") ?? "", index);
            lines.Add(revoked ? $"status: REVOKED (entry {index} of {listUrl})" : $"status: not revoked (entry {index} of {listUrl})");
            return new Result(true, revoked, lines);
        }
        catch (Exception ex) when (ex is HttpRequestException or UriFormatException or TaskCanceledException or FormatException or JsonException or InvalidDataException)
        {
            lines.Add("status: unknown (the status list could not be read: " + ex.Message + ")");
            return new Result(true, false, lines);
        }
    }

    private static Result Invalid(string reason) => new(false, false, ["credential INVALID: " + reason]);

    private static string? Unwrap(byte[] file)
    {
        var text = Encoding.UTF8.GetString(file);
        if (text.StartsWith('{'))
        {
            var body = text.EndsWith('\n') ? text[..^1] : text;
            return body.StartsWith(EnvelopePrefix, StringComparison.Ordinal) && body.EndsWith(EnvelopeSuffix, StringComparison.Ordinal)
                ? body[EnvelopePrefix.Length..^EnvelopeSuffix.Length]
                : null;
        }

        return text.Trim();
    }

    // A base64url character whose unused low bits were changed decodes to the same bytes: refuse it.
    private static bool IsCanonicalBase64Url(string part)
    {
        if (part.Length == 0 || part.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        try
        {
            return Base64UrlEncoder.Encode(Base64UrlEncoder.DecodeBytes(part)) == part;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Task<TokenValidationResult> Signature(string jwt, IList<SecurityKey> keys) =>
        new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidAlgorithms = ["ES256"],
        });

    private static string? Origin(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.ToString();
    }

    private static bool IsSet(string encodedList, int index)
    {
        if (!encodedList.StartsWith('u') || index < 0)
        {
            throw new FormatException("the status list or the entry's index is not in the expected form");
        }

        using var input = new System.IO.Compression.GZipStream(new MemoryStream(Base64UrlEncoder.DecodeBytes(encodedList[1..])), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        var list = output.ToArray();
        return index / 8 < list.Length && (list[index / 8] & (0x80 >> (index % 8))) != 0;
    }
}
