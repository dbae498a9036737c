using System.Globalization;
using System.Text;

namespace Verification.Certificates.Documents;

/// <summary>
/// The glyphs a certificate uses, embedded as Type 3 fonts of their outlines (so only the glyphs drawn travel, from
/// any font, CFF or TrueType, as a subset would): up to 256 codes a font, each code one glyph with the text it stands
/// for in the font's ToUnicode map, so a reader extracts the learner's name exactly as written.
/// </summary>
internal sealed class Type3Fonts
{
    private const int CodesPerFont = 256;
    private readonly List<(ShapingFont Font, ushort Glyph, string Text)> _codes = [];
    private readonly Dictionary<(string Font, ushort Glyph, string Text), int> _index = [];

    /// <summary>The resource name of the font and the code that draws <paramref name="glyph"/> standing for <paramref name="text"/>.</summary>
    public (string Font, byte Code) Code(ShapingFont font, ushort glyph, string text)
    {
        if (!_index.TryGetValue((font.Key, glyph, text), out var index))
        {
            index = _codes.Count;
            _codes.Add((font, glyph, text));
            _index[(font.Key, glyph, text)] = index;
        }

        return (Name(index / CodesPerFont), (byte)(index % CodesPerFont));
    }

    /// <summary>Writes the fonts and returns their entries for a page's /Font resources.</summary>
    public string Write(PdfWriter pdf)
    {
        var resources = new StringBuilder();
        for (var first = 0; first < _codes.Count; first += CodesPerFont)
        {
            var codes = _codes.Skip(first).Take(CodesPerFont).ToList();
            var font = pdf.Reserve();
            var toUnicode = pdf.Reserve();
            var procs = new StringBuilder();
            var widths = new StringBuilder();
            var differences = new StringBuilder("0");
            var (left, bottom, right, top) = (0f, 0f, 0f, 0f);
            for (var code = 0; code < codes.Count; code++)
            {
                var outline = codes[code].Font.Outline(codes[code].Glyph);
                var proc = pdf.Reserve();
                var box = $"{N(outline.Left)} {N(outline.Bottom)} {N(outline.Right)} {N(outline.Top)}";
                pdf.SetStream(proc, "", Encoding.ASCII.GetBytes($"{N(outline.Advance)} 0 {box} d1\n{outline.Path}{(outline.Path.Length > 0 ? "f\n" : "")}"));
                procs.Append(CultureInfo.InvariantCulture, $"/g{code} {proc} 0 R ");
                widths.Append(N(outline.Advance)).Append(' ');
                differences.Append(CultureInfo.InvariantCulture, $" /g{code}");
                (left, bottom, right, top) = (Math.Min(left, outline.Left), Math.Min(bottom, outline.Bottom), Math.Max(right, outline.Right), Math.Max(top, outline.Top));
            }

            pdf.SetStream(toUnicode, "", Encoding.ASCII.GetBytes(UnicodeMap(codes.Select(c => c.Text).ToList())));
            pdf.Set(font, $"<< /Type /Font /Subtype /Type3 /FontBBox [{N(left)} {N(bottom)} {N(right)} {N(top)}] /FontMatrix [0.001 0 0 0.001 0 0] " +
                $"/CharProcs << {procs}>> /Encoding << /Type /Encoding /Differences [{differences}] >> /FirstChar 0 /LastChar {codes.Count - 1} " +
                $"/Widths [{widths}] /ToUnicode {toUnicode} 0 R /Resources << >> >>");
            resources.Append(CultureInfo.InvariantCulture, $"/{Name(first / CodesPerFont)} {font} 0 R ");
        }

        return resources.ToString();
    }

    private static string Name(int font) => "T" + font.ToString(CultureInfo.InvariantCulture);

    private static string N(float value) => ShapingFont.Number(value);

    private static string UnicodeMap(List<string> texts)
    {
        var map = new StringBuilder(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
        // A bfchar block holds at most 100 mappings.
        for (var first = 0; first < texts.Count; first += 100)
        {
            var block = texts.Skip(first).Take(100).ToList();
            map.Append(CultureInfo.InvariantCulture, $"{block.Count} beginbfchar\n");
            for (var i = 0; i < block.Count; i++)
            {
                map.Append(CultureInfo.InvariantCulture, $"<{first + i:X2}> <{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(block[i]))}>\n");
            }

            map.Append("endbfchar\n");
        }

        return map.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").ToString();
    }
}
