using System.Globalization;
using System.Text;
using QRCoder;

namespace Verification.Certificates.Documents;

/// <summary>What the rendered certificate shows. The learner's own copy always carries their name.</summary>
internal sealed record CertificateDocument(string LearnerName, string CourseTitle, string PartnerName, DateTimeOffset IssuedAt, string Code, string VerifyUrl);

/// <summary>
/// The learner's certificate as a one-page A4 landscape PDF: name, course, partner, date, "Identity verified", the
/// verification code and a QR code of the public page (QRCoder's modules as a grey image, so any reader decodes it).
/// Text is in the PDF's standard Helvetica (WinAnsi): characters outside Latin-1 lose accents or become '?'.
/// </summary>
internal static class CertificatePdf
{
    private const int TextWidth = 842 - 120;

    public static byte[] Render(CertificateDocument document)
    {
        var pdf = new PdfWriter();
        var catalog = pdf.Reserve();
        var pages = pdf.Reserve();
        var page = pdf.Reserve();
        var regular = pdf.Reserve();
        var bold = pdf.Reserve();
        var qr = pdf.Reserve();
        var content = pdf.Reserve();
        var info = pdf.Reserve();
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {pages} 0 R >>");
        pdf.Set(pages, $"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>");
        pdf.Set(page, $"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 842 595] /Contents {content} 0 R " +
            $"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> /XObject << /Im1 {qr} 0 R >> >> >>");
        pdf.Set(regular, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        pdf.Set(bold, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        var (size, pixels) = QrPixels(document.VerifyUrl);
        pdf.SetStream(qr, $"/Type /XObject /Subtype /Image /Width {size} /Height {size} /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false", pixels);
        pdf.SetStream(content, "", Encoding.ASCII.GetBytes(Page(document)));
        var created = document.IssuedAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        pdf.Set(info, $"<< /Title {PdfWriter.Literal("Verified certificate " + document.Code)} /Producer (Verification) /CreationDate (D:{created}Z) >>");
        return pdf.Write(catalog, info);
    }

    private static string Page(CertificateDocument d)
    {
        var page = new StringBuilder();
        page.Append("q 0.11 0.23 0.42 RG 3 w 24 24 794 547 re S 0.5 w 32 32 778 531 re S Q\n");
        Text(page, "F2", 30, 60, 500, "Verified Certificate");
        Text(page, "F1", 14, 60, 458, "This certifies that");
        Text(page, "F2", 26, 60, 420, d.LearnerName);
        Text(page, "F1", 14, 60, 384, "completed");
        Text(page, "F2", 20, 60, 352, d.CourseTitle);
        Text(page, "F1", 14, 60, 322, "offered by " + d.PartnerName);
        Text(page, "F1", 14, 60, 270, "Issued on " + d.IssuedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        Text(page, "F2", 14, 60, 246, "Identity verified");
        Text(page, "F1", 11, 60, 228, "The learner's identity was checked in every proctored assessment of the course.");
        Text(page, "F1", 12, 60, 110, "Verification code: " + d.Code);
        Text(page, "F1", 10, 60, 92, "Check this certificate at " + d.VerifyUrl);
        page.Append("q 170 0 0 170 612 56 cm /Im1 Do Q\n");
        return page.ToString();
    }

    private static void Text(StringBuilder page, string font, int size, int x, int y, string text)
    {
        // Helvetica averages about 0.55 em a character: a longer line is cut to stay on the page.
        var longest = (int)(TextWidth / (size * 0.55));
        var line = text.Length > longest ? text[..(longest - 3)] + "..." : text;
        page.Append(CultureInfo.InvariantCulture, $"BT /{font} {size} Tf {x} {y} Td {PdfWriter.Literal(line)} Tj ET\n");
    }

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
