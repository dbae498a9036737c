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
/// included) and placed in visual order. The runs are ordered by the bidi rules for levels (UAX #9, L2) on the run
/// level: the line takes the direction of its first strong character; a run against it is one level deeper, so
/// consecutive runs against the line's direction (a Latin course title with Hanzi in an Arabic line) keep their own
/// order; spaces and punctuation at the end of such a run, before text in the line's direction, take the line's
/// direction (the space after an Arabic name in an English sentence stays between the name and the next word).
/// Not the whole algorithm: no explicit embeddings, and digits are not weak types of their own.
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
        shaped = SplitTrailingNeutrals(shaped, rightToLeft);
        var visual = VisualOrder(shaped, rightToLeft);
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

    /// <summary>
    /// A run against the line's direction gives up its trailing spaces and punctuation when the next strong run goes
    /// the line's way (or none follows): between the two, they belong to the line (UAX #9, N1 and N2).
    /// </summary>
    private static List<(Run Run, (HarfBuzzSharp.GlyphInfo[] Glyphs, HarfBuzzSharp.GlyphPosition[] Positions, bool RightToLeft) Shaped)> SplitTrailingNeutrals(
        List<(Run Run, (HarfBuzzSharp.GlyphInfo[] Glyphs, HarfBuzzSharp.GlyphPosition[] Positions, bool RightToLeft) Shaped)> shaped, bool rightToLeft)
    {
        var result = new List<(Run, (HarfBuzzSharp.GlyphInfo[], HarfBuzzSharp.GlyphPosition[], bool))>();
        for (var r = 0; r < shaped.Count; r++)
        {
            var (run, shape) = shaped[r];
            var next = shaped.Skip(r + 1).FirstOrDefault(s => s.Run.Strong);
            var against = run.Strong && shape.RightToLeft != rightToLeft;
            var nextAgainst = next.Run is not null && next.Shaped.RightToLeft != rightToLeft;
            var kept = run.Text.Length;
            while (kept > 0 && !char.IsLetterOrDigit(run.Text[kept - 1]) && !char.IsLowSurrogate(run.Text[kept - 1]) && !IsMark(run.Text[kept - 1]))
            {
                kept--;
            }

            if (!against || nextAgainst || kept == 0 || kept == run.Text.Length)
            {
                result.Add((run, shape));
                continue;
            }

            var head = new Run(run.Font, run.Text[..kept], strong: true);
            var tail = new Run(run.Font, run.Text[kept..], strong: false);
            result.Add((head, run.Font.Shape(head.Text)));
            result.Add((tail, run.Font.Shape(tail.Text)));
        }

        return result;
    }

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>
    /// The runs left to right: each at its level (the line's 0 or 1; a strong run against it one deeper, a neutral
    /// run at the line's), then from the deepest level up, every stretch of runs at that level or deeper reversed (UAX #9, L2).
    /// </summary>
    private static List<(Run Run, (HarfBuzzSharp.GlyphInfo[] Glyphs, HarfBuzzSharp.GlyphPosition[] Positions, bool RightToLeft) Shaped)> VisualOrder(
        List<(Run Run, (HarfBuzzSharp.GlyphInfo[] Glyphs, HarfBuzzSharp.GlyphPosition[] Positions, bool RightToLeft) Shaped)> shaped, bool rightToLeft)
    {
        var line = rightToLeft ? 1 : 0;
        var levels = shaped.Select(s => !s.Run.Strong || s.Shaped.RightToLeft == rightToLeft ? line : line + 1).ToArray();
        var order = Enumerable.Range(0, shaped.Count).ToArray();
        for (var level = levels.DefaultIfEmpty(0).Max(); level >= 1; level--)
        {
            for (var start = 0; start < order.Length; start++)
            {
                if (levels[order[start]] < level)
                {
                    continue;
                }

                var end = start;
                while (end + 1 < order.Length && levels[order[end + 1]] >= level)
                {
                    end++;
                }

                Array.Reverse(order, start, end - start + 1);
                start = end;
            }
        }

        return [.. order.Select(i => shaped[i])];
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
