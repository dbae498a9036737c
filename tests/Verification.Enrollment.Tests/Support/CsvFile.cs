using System.Globalization;
using CsvHelper;

namespace Verification.Enrollment.Tests.Support;

public static class CsvFile
{
    /// <summary>The header and rows of a CSV file as written, read with a real CSV parser.</summary>
    public static (string[] Header, List<Dictionary<string, string>> Rows) Read(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        }

        return (header, rows);
    }
}
