using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Verification.Enrollment.Programs.Reports;

/// <summary>
/// Writes a report as UTF-8 CSV with a byte order mark: without it Excel reads the file in the machine's ANSI code
/// page and garbles non-Latin names. Cells that a spreadsheet would run as a formula (leading =, +, -, @, tab or CR) are
/// neutralised by CsvHelper's injection escaping: a leading apostrophe, so names like "=HYPERLINK(…)" stay text.
/// </summary>
internal static class ReportCsv
{
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            InjectionOptions = InjectionOptions.Escape,
            InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
            InjectionEscapeCharacter = '\'',
        };
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, configuration))
        {
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell ?? "");
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    public static string? Time(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}
