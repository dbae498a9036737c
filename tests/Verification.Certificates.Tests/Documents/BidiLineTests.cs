using Verification.Certificates.Documents;

namespace Verification.Certificates.Tests.Documents;

/// <summary>
/// Mixed-direction lines of the certificate PDF, read back from where each glyph is placed (its x): an Arabic name in
/// an English sentence, and a Latin course title with Hanzi in an Arabic line, come out in the visual order the Unicode
/// bidi rules give.
/// </summary>
public sealed class BidiLineTests
{
    [Fact]
    public void An_arabic_name_in_an_english_sentence_stands_between_its_words_with_one_space_on_each_side()
    {
        using var fonts = CertificateFonts.FromSystem();
        var line = TextLine.Shape(fonts, "Awarded to ليلى عبد الله for completing", bold: false);

        var arabic = line.Glyphs.Where(g => g.Text is { } t && t.Any(IsArabic)).Select(g => g.X).ToList();
        var to = line.Glyphs.Where(g => g.Text == "o").Select(g => g.X).Min();
        var forF = line.Glyphs.Single(g => g.Text == "f").X;
        var spaces = line.Glyphs.Where(g => g.Text == " ").Select(g => g.X).ToList();

        Assert.NotEmpty(arabic);
        Assert.True(to < arabic.Min() && arabic.Max() < forF, $"'to' at {to}, the name from {arabic.Min()} to {arabic.Max()}, 'for' at {forF}");
        Assert.Single(spaces, x => x > to && x < arabic.Min());
        Assert.Single(spaces, x => x > arabic.Max() && x < forF);
    }

    [Fact]
    public void A_latin_course_title_with_hanzi_in_an_arabic_line_keeps_its_own_left_to_right_order()
    {
        using var fonts = CertificateFonts.FromSystem();
        var line = TextLine.Shape(fonts, "شهادة Data 中文 Science للدورة", bold: false);

        var first = line.Glyphs.Where(g => g.Text?.Contains('ش', StringComparison.Ordinal) == true).Select(g => g.X).Single();
        var last = line.Glyphs.Where(g => g.Text?.Contains('و', StringComparison.Ordinal) == true).Select(g => g.X).Single();
        var data = line.Glyphs.Single(g => g.Text == "D").X;
        var hanzi = line.Glyphs.Single(g => g.Text == "中").X;
        var science = line.Glyphs.Single(g => g.Text == "S").X;

        // Right to left: the first Arabic word at the right, the last at the left, the title left to right between them.
        Assert.True(last < data && data < hanzi && hanzi < science && science < first,
            $"للدورة {last}, Data {data}, 中 {hanzi}, Science {science}, شهادة {first}");
    }

    private static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF';
}
