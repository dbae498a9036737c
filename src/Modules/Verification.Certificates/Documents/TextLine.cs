using System.Globalization;
using System.Text;

namespace Verification.Certificates.Documents;

/// <summary>
/// A glyph placed on a line, in thousandths of an em from the line's start. <see cref="Text"/> is the text of its
/// cluster (the characters HarfBuzz drew with it), carried by one glyph of each cluster; the others carry none.
/// </summary>
internal sealed record PlacedGlyph(ShapingFont Font, ushort Glyph, float X, float Y, string? Text);

/// <summary>
/// One line of text shaped for the PDF: NFC, split into runs by the font that draws each grapheme, each run shaped
/// by HarfBuzz. Glyphs are listed in logical order (so a reader extracts the text as written, right-to-left names
/// included) and placed in visual order; a line whose first strong character is right-to-left lays its runs out from
/// the right.
/// </summary>
internal sealed class TextLine
{
    private TextLine(IReadOnlyList<PlacedGlyph> glyphs, float width)
    {
        Glyphs = glyphs;
        Width = width;
    }

    public IReadOnlyList<PlacedGlyph> Glyphs { get; }

    /// <summary>The line's advance in thousandths of an em.</summary>
    public float Width { get; }

    public static TextLine Shape(CertificateFonts fonts, string text, bool bold)
    {
        var runs = Runs(fonts, text.Normalize(NormalizationForm.FormC), bold);
        var shaped = runs.Select(run => (Run: run, Shaped: run.Font.Shape(run.Text))).ToList();
        var rightToLeft = shaped.FirstOrDefault(s => s.Run.Strong).Shaped.RightToLeft;
        var visual = rightToLeft ? Enumerable.Reverse(shaped).ToList() : shaped;
        var starts = new Dictionary<Run, float>();
        var pen = 0f;
        foreach (var (run, (_, positions, _)) in visual)
        {
            starts[run] = pen;
            pen += positions.Sum(p => p.XAdvance);
        }

        var glyphs = new List<PlacedGlyph>();
        foreach (var (run, (infos, positions, _)) in shaped)
        {
            var x = new float[infos.Length];
            var runPen = starts[run];
            for (var i = 0; i < infos.Length; i++)
            {
                x[i] = runPen + positions[i].XOffset;
                runPen += positions[i].XAdvance;
            }

            var clusters = infos.Select(i => (int)i.Cluster).Distinct().Order().ToList();
            for (var c = 0; c < clusters.Count; c++)
            {
                var end = c + 1 < clusters.Count ? clusters[c + 1] : run.Text.Length;
                var carried = false;
                for (var i = 0; i < infos.Length; i++)
                {
                    if (infos[i].Cluster != clusters[c])
                    {
                        continue;
                    }

                    glyphs.Add(new PlacedGlyph(run.Font, (ushort)infos[i].Codepoint, x[i], positions[i].YOffset, carried ? null : run.Text[clusters[c]..end]));
                    carried = true;
                }
            }
        }

        return new TextLine(glyphs, pen);
    }

    /// <summary>Graphemes kept together, each with the first font that draws all of it; spaces and punctuation stay in the run they are in.</summary>
    private static List<Run> Runs(CertificateFonts fonts, string text, bool bold)
    {
        var runs = new List<Run>();
        var current = new StringBuilder();
        ShapingFont? font = null;
        var strong = false;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            var grapheme = graphemes.GetTextElement();
            var runes = grapheme.EnumerateRunes().Select(r => r.Value).ToList();
            var neutral = runes.All(r => !Rune.IsLetter(new Rune(r)));
            var chosen = font is not null && neutral && runes.All(font.Draws) ? font : fonts.For(runes[0], bold) ?? fonts.Latin(bold);
            if (chosen != font && current.Length > 0)
            {
                runs.Add(new Run(font!, current.ToString(), strong));
                current.Clear();
                strong = false;
            }

            font = chosen;
            strong |= !neutral;
            current.Append(grapheme);
        }

        if (current.Length > 0)
        {
            runs.Add(new Run(font!, current.ToString(), strong));
        }

        return runs;
    }

    // A class, not a record: two runs of the same text in the same font are still two places on the line.
    private sealed class Run(ShapingFont font, string text, bool strong)
    {
        public ShapingFont Font => font;

        public string Text => text;

        public bool Strong => strong;
    }
}
