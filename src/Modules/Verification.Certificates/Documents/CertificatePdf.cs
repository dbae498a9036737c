using System.Globalization;
using System.Text;
using QRCoder;

namespace Verification.Certificates.Documents;

/// <summary>What the rendered certificate shows. The learner's own copy always carries their name.</summary>
internal sealed record CertificateDocument(string LearnerName, string CourseTitle, string PartnerName, DateTimeOffset IssuedAt, string Code, string VerifyUrl);

/// <summary>
/// The learner's certificate as a one-page A4 landscape PDF: name, course, partner, date, "Identity verified", the
/// verification code and a QR code of the public page (QRCoder's modules as a grey image, so any reader decodes it).
/// Text in any script is shaped by HarfBuzz with the system's fonts and embedded as the outlines of the glyphs drawn
/// (<see cref="Type3Fonts"/>); a line too long for the page is set smaller, never cut.
/// </summary>
internal static class CertificatePdf
{
    private const float TextWidth = 842 - 120;

    public static byte[] Render(CertificateDocument document, CertificateFonts fonts)
    {
        var pdf = new PdfWriter();
        var catalog = pdf.Reserve();
        var pages = pdf.Reserve();
        var page = pdf.Reserve();
        var qr = pdf.Reserve();
        var content = pdf.Reserve();
        var info = pdf.Reserve();
        var glyphs = new Type3Fonts();
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {pages} 0 R >>");
        pdf.Set(pages, $"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>");
        var (size, pixels) = QrPixels(document.VerifyUrl);
        pdf.SetStream(qr, $"/Type /XObject /Subtype /Image /Width {size} /Height {size} /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false", pixels);
        pdf.SetStream(content, "", Encoding.ASCII.GetBytes(Page(document, fonts, glyphs)));
        pdf.Set(page, $"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 842 595] /Contents {content} 0 R " +
            $"/Resources << /Font << {glyphs.Write(pdf)}>> /XObject << /Im1 {qr} 0 R >> >> >>");
        var created = document.IssuedAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        pdf.Set(info, $"<< /Title {PdfWriter.Literal("Verified certificate " + document.Code)} /Producer (Verification) /CreationDate (D:{created}Z) >>");
        return pdf.Write(catalog, info);
    }

    private static string Page(CertificateDocument d, CertificateFonts fonts, Type3Fonts glyphs)
    {
        var page = new StringBuilder();
        page.Append("q 0.11 0.23 0.42 RG 3 w 24 24 794 547 re S 0.5 w 32 32 778 531 re S Q\n");
        void Text(bool bold, float size, float y, string text) => Line(page, fonts, glyphs, bold, size, 60, y, text);
        Text(true, 30, 500, "Verified Certificate");
        Text(false, 14, 458, "This certifies that");
        Text(true, 26, 420, d.LearnerName);
        Text(false, 14, 384, "completed");
        Text(true, 20, 352, d.CourseTitle);
        Text(false, 14, 322, "offered by " + d.PartnerName);
        Text(false, 14, 270, "Issued on " + d.IssuedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        Text(true, 14, 246, "Identity verified");
        Text(false, 11, 228, "The learner's identity was checked in every proctored assessment of the course.");
        Text(false, 12, 110, "Verification code: " + d.Code);
        Text(false, 10, 92, "Check this certificate at " + d.VerifyUrl);
        page.Append("q 170 0 0 170 612 56 cm /Im1 Do Q\n");
        return page.ToString();
    }

    /// <summary>
    /// Each glyph placed on its own (shaping moves glyphs off the pen's path), in logical order: a cluster's first glyph
    /// as text, the others of the cluster as their outline, so the text is extracted once and in the order it was written.
    /// </summary>
    private static void Line(StringBuilder page, CertificateFonts fonts, Type3Fonts glyphs, bool bold, float size, float x, float y, string text)
    {
        var line = TextLine.Shape(fonts, text, bold);
        var fitted = line.Width * size / ShapingFont.Em > TextWidth ? TextWidth * ShapingFont.Em / line.Width : size;
        var scale = fitted / ShapingFont.Em;
        foreach (var glyph in line.Glyphs)
        {
            var (gx, gy) = (N(x + (glyph.X * scale)), N(y + (glyph.Y * scale)));
            if (glyph.Text is { } carried)
            {
                var (font, code) = glyphs.Code(glyph.Font, glyph.Glyph, carried);
                page.Append(CultureInfo.InvariantCulture, $"BT /{font} {N(fitted)} Tf 1 0 0 1 {gx} {gy} Tm <{code:X2}> Tj ET\n");
            }
            else if (glyph.Font.Outline(glyph.Glyph).Path is { Length: > 0 } path)
            {
                page.Append(CultureInfo.InvariantCulture, $"q {scale.ToString("0.#####", CultureInfo.InvariantCulture)} 0 0 {scale.ToString("0.#####", CultureInfo.InvariantCulture)} {gx} {gy} cm\n{path}f Q\n");
            }
        }
    }

    private static string N(float value) => ShapingFont.Number(value);
    /// <summary>The QR code's modules (with its quiet zone), one grey byte each: 0 dark, 255 light, top row first.</summary>
    private static (int Size, byte[] Pixels) QrPixels(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var pixels = new byte[size * size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                pixels[(row * size) + column] = data.ModuleMatrix[row][column] ? (byte)0 : (byte)255;
            }
        }

        return (size, pixels);
    }
}
