using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Verification.Certificates.Documents;

/// <summary>
/// One system font: HarfBuzz shapes text with it (Arabic joining, Devanagari conjuncts) and Skia gives each glyph's
/// outline, in thousandths of an em as the PDF's glyph space, y up.
/// </summary>
internal sealed class ShapingFont : IDisposable
{
    public const int Em = 1000;

    private readonly Lazy<HarfBuzzSharp.Font> _shaper;
    private readonly ConcurrentDictionary<ushort, GlyphOutline> _outlines = new();
    private readonly Lock _shaping = new();

    public ShapingFont(string key, SKTypeface typeface)
    {
        Key = key;
        Typeface = typeface;
        _shaper = new Lazy<HarfBuzzSharp.Font>(() =>
        {
            // The blob owns the stream (it frees it when HarfBuzz lets the blob go): disposing the stream here would
            // leave the font reading freed memory.
            using var blob = typeface.OpenStream(out var index).ToHarfBuzzBlob();
            using var face = new Face(blob, index);
            var font = new HarfBuzzSharp.Font(face);
            font.SetFunctionsOpenType();
            font.SetScale(Em, Em);
            return font;
        });
    }

    public string Key { get; }

    public SKTypeface Typeface { get; }

    public bool Draws(int character) => Typeface.ContainsGlyph(character);

    /// <summary>HarfBuzz's glyphs for one run of text in this font, in visual order, with positions in thousandths of an em.</summary>
    public (GlyphInfo[] Glyphs, GlyphPosition[] Positions, bool RightToLeft) Shape(string text)
    {
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf16(text);
        buffer.GuessSegmentProperties();
        lock (_shaping)
        {
            _shaper.Value.Shape(buffer);
        }

        return (buffer.GlyphInfos, buffer.GlyphPositions, buffer.Direction == Direction.RightToLeft);
    }

    public GlyphOutline Outline(ushort glyph) => _outlines.GetOrAdd(glyph, Trace);

    public void Dispose()
    {
        if (_shaper.IsValueCreated)
        {
            _shaper.Value.Dispose();
        }

        Typeface.Dispose();
    }

    private GlyphOutline Trace(ushort glyph)
    {
        using var font = new SKFont(Typeface, Em);
        using var path = font.GetGlyphPath(glyph);
        var advance = font.GetGlyphWidths([glyph])[0];
        var operators = new StringBuilder();
        if (path is not null)
        {
            using var iterator = path.CreateRawIterator();
            var points = new SKPoint[4];
            SKPathVerb verb;
            while ((verb = iterator.Next(points)) != SKPathVerb.Done)
            {
                switch (verb)
                {
                    case SKPathVerb.Move:
                        Append(operators, "m", points[0]);
                        break;
                    case SKPathVerb.Line:
                        Append(operators, "l", points[1]);
                        break;
                    case SKPathVerb.Quad:
                        Quad(operators, points[0], points[1], points[2]);
                        break;
                    case SKPathVerb.Conic:
                        var quads = SKPath.ConvertConicToQuads(points[0], points[1], points[2], iterator.ConicWeight(), 2);
                        for (var i = 0; i + 2 < quads.Length; i += 2)
                        {
                            Quad(operators, quads[i], quads[i + 1], quads[i + 2]);
                        }

                        break;
                    case SKPathVerb.Cubic:
                        Append(operators, "c", points[1], points[2], points[3]);
                        break;
                    case SKPathVerb.Close:
                        operators.Append("h\n");
                        break;
                }
            }
        }

        var bounds = path?.Bounds ?? SKRect.Empty;
        return new GlyphOutline(advance, bounds.Left, -bounds.Bottom, bounds.Right, -bounds.Top, operators.ToString());
    }

    // A quadratic Bézier as the cubic PDF draws: control points two thirds of the way to the quadratic's.
    private static void Quad(StringBuilder operators, SKPoint start, SKPoint control, SKPoint end) =>
        Append(operators, "c", start + new SKPoint((control.X - start.X) * 2 / 3, (control.Y - start.Y) * 2 / 3),
            end + new SKPoint((control.X - end.X) * 2 / 3, (control.Y - end.Y) * 2 / 3), end);

    private static void Append(StringBuilder operators, string op, params ReadOnlySpan<SKPoint> points)
    {
        foreach (var point in points)
        {
            operators.Append(CultureInfo.InvariantCulture, $"{Number(point.X)} {Number(-point.Y)} ");
        }

        operators.Append(op).Append('\n');
    }

    public static string Number(float value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>A glyph's advance, bounding box (y up) and outline as PDF path operators, all in thousandths of an em.</summary>
internal sealed record GlyphOutline(float Advance, float Left, float Bottom, float Right, float Top, string Path);
