using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Verification.Certificates.Credentials;

/// <summary>
/// The published Bitstring Status List (W3C), itself a signed credential: bit <c>i</c> (left-most first) is 1 when the
/// credential at <c>statusListIndex</c> i was revoked (its certificate held or revoked after issue). Built from the
/// database on each request, so a decision shows in the next request. At least 131,072 bits, as the specification asks.
/// </summary>
internal sealed class StatusList(NpgsqlDataSource dataSource, CredentialSigner signer, CertificateSettings settings, TimeProvider time)
{
    public const int MinimumBits = 131_072;

    public async Task<string> SignedAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<int> revoked;
        int highest;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            revoked = [.. await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT status_index FROM certificates.credentials WHERE revoked_at IS NOT NULL", cancellationToken: cancellationToken))];
            highest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT max(status_index) FROM certificates.credentials", cancellationToken: cancellationToken)) ?? 0;
        }

        var bits = Math.Max(MinimumBits, (highest / 8 + 1) * 8);
        var list = new byte[bits / 8];
        foreach (var index in revoked)
        {
            list[index / 8] |= (byte)(0x80 >> (index % 8));
        }

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(OpenBadgeCredential.VcContext),
            ["id"] = settings.StatusListUrl,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = settings.Base,
            ["validFrom"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = settings.StatusListUrl + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = "revocation",
                ["encodedList"] = "u" + Base64UrlEncoder.Encode(Gzip(list)),
            },
        };
        return (await signer.SignAsync(credential, "vc+jwt", cancellationToken)).Jwt;
    }

    /// <summary>Whether bit <paramref name="index"/> is set in a multibase (u, base64url) GZIP-compressed list.</summary>
    public static bool IsSet(string encodedList, int index)
    {
        if (!encodedList.StartsWith('u'))
        {
            throw new FormatException("The status list is not multibase base64url (prefix u).");
        }

        using var input = new GZipStream(new MemoryStream(Base64UrlEncoder.DecodeBytes(encodedList[1..])), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        var list = output.ToArray();
        return index / 8 < list.Length && (list[index / 8] & (0x80 >> (index % 8))) != 0;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
