using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Verification.Certificates.Documents;

/// <summary>
/// A minimal PDF 1.7 writer: numbered objects, content and image streams (FlateDecode), a cross-reference table with
/// each object's byte offset, and a trailer. Enough for a one-page certificate, so the service needs no PDF library.
/// </summary>
internal sealed class PdfWriter
{
    private readonly List<byte[]> _objects = [];

    /// <summary>Reserves the next object number (1-based), for objects that refer to each other.</summary>
    public int Reserve()
    {
        _objects.Add([]);
        return _objects.Count;
    }

    public void Set(int number, string dictionary) => _objects[number - 1] = Encoding.ASCII.GetBytes(dictionary);

    public void SetStream(int number, string dictionary, byte[] data)
    {
        var compressed = Deflate(data);
        var head = Encoding.ASCII.GetBytes($"<< {dictionary} /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n");
        _objects[number - 1] = [.. head, .. compressed, .. "\nendstream"u8];
    }

    public byte[] Write(int catalog, int info)
    {
        using var output = new MemoryStream();
        Ascii(output, "%PDF-1.7\n");
        // A comment of bytes above 127 marks the file as binary for transfer tools.
        output.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        var offsets = new long[_objects.Count];
        for (var i = 0; i < _objects.Count; i++)
        {
            offsets[i] = output.Position;
            Ascii(output, $"{i + 1} 0 obj\n");
            output.Write(_objects[i]);
            Ascii(output, "\nendobj\n");
        }

        var xref = output.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {_objects.Count + 1}\n0000000000 65535 f\r\n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_objects.Count + 1} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Ascii(output, table.ToString());
        return output.ToArray();
    }

    /// <summary>
    /// A PDF string literal in WinAnsiEncoding: characters it lacks lose their accents where they have one
    /// (NFD), else become '?'; bytes above 127 are written as octal escapes, so the file stays ASCII outside streams.
    /// </summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("(");
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var b = WinAnsi(c) ?? WinAnsi(c.ToString().Normalize(NormalizationForm.FormD)[0]) ?? (byte)'?';
            if (b is (byte)'(' or (byte)')' or (byte)'\\')
            {
                builder.Append('\\').Append((char)b);
            }
            else if (b is < 32 or > 126)
            {
                builder.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.Append(')').ToString();
    }

    // Latin-1's printable range matches WinAnsi; its C1 range (0x80-0x9F) does not and is left out.
    private static byte? WinAnsi(char c) => c is >= ' ' and <= '~' or >= '\u00A0' and <= '\u00FF' ? (byte)c : null;

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void Ascii(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
