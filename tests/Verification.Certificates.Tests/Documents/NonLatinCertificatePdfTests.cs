using System.Net;
using System.Text;
using UglyToad.PdfPig;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.Documents;

/// <summary>
/// Names in Chinese, Arabic (right-to-left, with harakat typed out of canonical order) and Hindi (a nukta typed
/// decomposed, conjuncts, a vowel sign drawn before its consonant): PdfPig extracts each name exactly as its NFC form,
/// every font is embedded (poppler's pdffonts) and poppler renders the page. The PDFs and a PNG of each are saved under
/// <c>$VERIFICATION_TEST_RESULTS/l10n/</c>.
/// </summary>
public sealed class NonLatinCertificatePdfTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("zh", "王小明", "北京大学")]
    [InlineData("ar", "مُحَمَّد عبد الله", "جامعة القاهرة")]
    [InlineData("hi", "ज़ोया प्रिया शर्मा", "दिल्ली विश्वविद्यालय")]
    public async Task A_name_in_any_script_is_drawn_with_embedded_fonts_and_extracted_exactly_as_its_nfc_form(string language, string name, string partner)
    {
        // Typed decomposed and with the marks out of canonical order: the certificate carries the NFC form.
        var typed = name.Normalize(NormalizationForm.FormD).Replace("\u064E\u0651", "\u0651\u064E", StringComparison.Ordinal);
        var world = await World.CreateAsync(app, partner, "Statistics 101");
        var learner = await world.LearnerAsync(typed);
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        using var own = await app.LearnerAsync(world.MintKey, learner, world.CourseId);

        using var response = await own.GetAsync($"/api/v1/learners/{learner}/certificates/{certificate.Id}/certificate.pdf", Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        var file = Save(language, bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = false });
        var text = Assert.Single(pdf.GetPages()).Text;
        Assert.Contains(name.Normalize(NormalizationForm.FormC), text, StringComparison.Ordinal);
        Assert.Contains(partner.Normalize(NormalizationForm.FormC), text, StringComparison.Ordinal);
        Assert.Contains("Identity verified", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/BaseFont", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        var fonts = (await Poppler("pdffonts", file)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, font => Assert.Matches(@"Type 3\s+Custom\s+yes\s", font));
        await Poppler("pdftoppm", "-png", "-r", "96", "-singlefile", file, Path.ChangeExtension(file, null));
        Assert.True(new FileInfo(Path.ChangeExtension(file, ".png")).Length > 10_000, "poppler rendered no page");
    }

    private static string Save(string language, byte[] bytes)
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, "l10n");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"certificate-{language}.pdf");
        File.WriteAllBytes(file, bytes);
        return file;
    }

    private static async Task<string> Poppler(string tool, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync(tool, arguments);
        Assert.True(result.ExitCode == 0 && result.Error.Length == 0, $"{tool} (poppler-utils, installed by test.sh): {result}");
        return result.Output;
    }
}
