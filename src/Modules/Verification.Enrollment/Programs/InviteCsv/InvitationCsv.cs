using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Verification.Enrollment.Api;
using Verification.Enrollment.Programs.Invite;

namespace Verification.Enrollment.Programs.InviteCsv;

internal sealed record CsvRowError(int Line, string Reason);

internal sealed record CsvInvitee(int Line, Invitee Invitee);

/// <summary>Why the whole file is refused: <c>csv_invalid</c> (headers, encoding) or <c>csv_too_many_rows</c>.</summary>
internal sealed record CsvFileError(string Code, string Detail);

/// <summary>
/// Reads a bulk invitation file: UTF-8 (a BOM is fine), RFC 4180 quoting, a header row of exactly
/// <c>Full Name</c>, <c>Email</c>, <c>External ID</c>. Each bad row is reported with its line number and the rest go on.
/// </summary>
internal static class InvitationCsv
{
    public static readonly string[] Headers = ["Full Name", "Email", "External ID"];

    public const string TooManyRows = "csv_too_many_rows";

    public static (IReadOnlyList<CsvInvitee> Rows, IReadOnlyList<CsvRowError> Errors, CsvFileError? FileError) Parse(byte[] file, int maxRows)
    {
        var badLines = new HashSet<int>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectDelimiter = false,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            BadDataFound = args => badLines.Add(args.Context.Parser?.RawRow ?? 0),
        };
        using var reader = new StreamReader(new MemoryStream(file), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, configuration);
        var rows = new List<CsvInvitee>();
        var errors = new List<CsvRowError>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || !HeadersMatch(csv.HeaderRecord))
            {
                return ([], [], new CsvFileError("csv_invalid", $"The first line must be exactly these headers: {string.Join(",", Headers)}."));
            }

            var index = Headers.Select(h => Array.IndexOf(csv.HeaderRecord!, h)).ToArray();
            var firstLineOfRecord = csv.Parser.RawRow + 1;
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            while (csv.Read())
            {
                var line = firstLineOfRecord;
                firstLineOfRecord = csv.Parser.RawRow + 1;
                if (rows.Count + errors.Count >= maxRows)
                {
                    return ([], [], new CsvFileError(TooManyRows, $"The file has more than {maxRows} rows; split it."));
                }

                var reason = RowReason(csv, index, badLines.Contains(csv.Parser.RawRow) || badLines.Contains(line), out var invitee);
                if (reason is null && seen.TryGetValue(invitee!.Email, out var firstLine))
                {
                    reason = $"duplicate of line {firstLine} (same email)";
                }

                if (reason is not null)
                {
                    errors.Add(new CsvRowError(line, reason));
                    continue;
                }

                seen[invitee!.Email] = line;
                rows.Add(new CsvInvitee(line, invitee));
            }
        }
        catch (DecoderFallbackException)
        {
            return ([], [], new CsvFileError("csv_invalid", "The file is not UTF-8 text."));
        }

        return (rows, errors, null);
    }

    private static bool HeadersMatch(string[]? header) =>
        header is { Length: 3 } && Headers.All(h => header.Count(x => x == h) == 1);

    private static string? RowReason(CsvReader csv, int[] index, bool malformed, out Invitee? invitee)
    {
        invitee = null;
        if (malformed)
        {
            return "malformed quoting";
        }

        if (csv.Parser.Count != 3)
        {
            return $"expected 3 fields, found {csv.Parser.Count}";
        }

        var (name, nameReason) = PersonInput.FullName(csv.GetField(index[0]));
        var (email, emailReason) = PersonInput.Email(csv.GetField(index[1]));
        var (externalId, externalReason) = PersonInput.ExternalId(csv.GetField(index[2]));
        if ((nameReason ?? emailReason ?? externalReason) is { } reason)
        {
            return reason;
        }

        invitee = new Invitee(name!, email!, externalId);
        return null;
    }
}
