using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using OpenCvSharp;
using UglyToad.PdfPig;
using Verification.Certificates.Tests.Support;

namespace Verification.Certificates.Tests.Documents;

/// <summary>
/// The rendered certificate the learner downloads: a PDF that a strict independent reader (PdfPig, lenient parsing
/// off) opens, whose cross-reference table points at every object, whose text carries the learner's name (even when
/// hidden on the public page), course, partner, date, identity and code, and whose QR image OpenCV decodes to the
/// public page's address.
/// </summary>
public sealed partial class CertificatePdfTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_learner_downloads_a_valid_pdf_with_their_name_the_code_and_a_qr_code_of_the_public_page()
    {
        var world = await World.CreateAsync(app, "Université de Test", "Honest (Statistics) \\ 101");
        var learner = await world.LearnerAsync("Zoë Ångström-Müller");
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        var code = CertificateRows.Display(certificate.Code);
        using var own = await app.LearnerAsync(world.MintKey, learner, world.CourseId);
        using var hidden = await own.PutAsJsonAsync($"/api/v1/learners/{learner}/certificates/{certificate.Id}/name-visibility", new { hidden = true }, Cancel);
        var other = await world.LearnerAsync("Someone Else");
        using var stranger = await app.LearnerAsync(world.MintKey, other, world.CourseId);

        using var response = await own.GetAsync($"/api/v1/learners/{learner}/certificates/{certificate.Id}/certificate.pdf", Cancel);
        using var strangers = await stranger.GetAsync($"/api/v1/learners/{other}/certificates/{certificate.Id}/certificate.pdf", Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.NoContent, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        AssertCrossReferenceTable(bytes);

        using var pdf = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = false });
        var page = Assert.Single(pdf.GetPages());
        var text = string.Join('\n', page.GetWords().Select(w => w.Text));
        foreach (var expected in new[] { "Zoë", "Ångström-Müller", "Honest", "(Statistics)", "\\", "Université", "Identity", "verified", code, "http://127.0.0.1:5080/verify/" + code })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains(app.Time.GetUtcNow().UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), page.Text, StringComparison.Ordinal);
        var image = Assert.Single(page.GetImages());
        Assert.True(image.TryGetBytesAsMemory(out var samples), "the QR image's samples cannot be read");
        Assert.Equal("http://127.0.0.1:5080/verify/" + code, DecodeQr(samples.ToArray(), image.WidthInSamples, image.HeightInSamples));
    }

    [Fact]
    public async Task A_held_certificate_has_no_pdf_and_a_revoked_one_neither()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        var caseId = await world.FlaggedSessionAsync(learner);
        await world.PassAsync(learner);
        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        using var own = await app.LearnerAsync(world.MintKey, learner, world.CourseId);
        var path = $"/api/v1/learners/{learner}/certificates/{certificate.Id}/certificate.pdf";

        using var whileHeld = await own.GetAsync(path, Cancel);
        await world.DecideAsync(caseId, "rejected");
        using var whenRevoked = await own.GetAsync(path, Cancel);

        Assert.Equal("held", certificate.Status);
        Assert.Equal(HttpStatusCode.NotFound, whileHeld.StatusCode);
        Assert.Equal("revoked", (await CertificateRows.GetAsync(app, learner, world.CourseId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, whenRevoked.StatusCode);
    }

    /// <summary>startxref points at the table, and each in-use entry at "N 0 obj" for its own N.</summary>
    private static void AssertCrossReferenceTable(byte[] bytes)
    {
        var file = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-1.7\n", file, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", file, StringComparison.Ordinal);
        var startxref = int.Parse(StartXref().Match(file).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal("xref", file.Substring(startxref, 4));
        var entries = XrefEntry().Matches(file[startxref..]).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(entries.Count >= 7, $"only {entries.Count} objects");
        for (var i = 0; i < entries.Count; i++)
        {
            var header = $"{i + 1} 0 obj";
            Assert.Equal(header, file.Substring((int)entries[i], header.Length));
        }
    }

    private static string DecodeQr(byte[] samples, int width, int height)
    {
        using var modules = Mat.FromPixelData(height, width, MatType.CV_8UC1, samples);
        using var image = new Mat();
        Cv2.Resize(modules, image, new Size(width * 8, height * 8), interpolation: InterpolationFlags.Nearest);
        using var detector = new QRCodeDetector();
        return detector.DetectAndDecode(image, out _);
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(\d{10}) 00000 n\r\n")]
    private static partial Regex XrefEntry();
}
