using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Verification.Certificates.Api;
using Verification.Certificates.Issuance;

namespace Verification.Certificates.PublicPage;

/// <summary>
/// The public page as plain HTML: no script (it works without JavaScript), no inline style (the Host's CSP forbids it),
/// Open Graph tags for a shared link's preview, every value HTML-encoded.
/// </summary>
internal static class VerifyPageHtml
{
    // Letters of every script stay as they are; markup characters and quotes are escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(CertificateView view, string pageUrl)
    {
        var name = view.LearnerName ?? "A learner (name hidden by the learner)";
        var (state, detail) = view.Status switch
        {
            CertificateStatus.Issued => ("Valid", $"Issued on {Date(view.IssuedAt)}. The learner's identity was verified for this course."),
            CertificateStatus.Held => ("Held", $"Held since {Date(view.StatusChangedAt)} while a person reviews the identity checks. It is not valid until released."),
            _ => ("Revoked", $"Revoked on {Date(view.RevokedAt)}. It is no longer valid."),
        };
        var title = $"{state} certificate: {view.CourseTitle}";
        var description = $"{name} — {view.CourseTitle}, {view.PartnerName}. {state}.";
        var body = new StringBuilder()
            .Append("<main class=\"certificate ").Append(state.ToLowerInvariant()).Append("\">")
            .Append("<p class=\"state\" id=\"state\">").Append(E(state)).Append("</p>")
            .Append("<h1 dir=\"auto\" id=\"learner\">").Append(E(name)).Append("</h1>")
            .Append("<p>completed <strong id=\"course\">").Append(E(view.CourseTitle)).Append("</strong> offered by <strong id=\"partner\">")
            .Append(E(view.PartnerName)).Append("</strong>.</p>")
            .Append("<p id=\"detail\">").Append(E(detail)).Append("</p>")
            .Append("<dl><dt>Verification code</dt><dd id=\"code\">").Append(E(view.Code)).Append("</dd>")
            .Append("<dt>Identity verified</dt><dd id=\"identity\">").Append(view.IdentityVerified ? "Yes" : "No").Append("</dd>")
            .Append(view.IdentityEvidenceErased ? "<dt>Identity evidence</dt><dd id=\"evidence\">Erased at the learner's request; the verification stands.</dd>" : "")
            .Append("</dl>")
            .Append("</main>");
        return Page(title, description, pageUrl, body.ToString());
    }

    public static string NotFound(string pageUrl) =>
        Page("No such certificate", "No certificate has this verification code.", pageUrl,
            "<main class=\"certificate unknown\"><p class=\"state\" id=\"state\">Unknown</p><h1>No certificate has this code</h1>"
            + "<p>Check the code: it has 12 letters and digits, for example <code>ABCD-EFGH-JKMN</code>.</p></main>");

    private static string Page(string title, string description, string pageUrl, string main) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <meta name="description" content="{E(description)}">
        <meta property="og:type" content="website">
        <meta property="og:site_name" content="Verification">
        <meta property="og:title" content="{E(title)}">
        <meta property="og:description" content="{E(description)}">
        <meta property="og:url" content="{E(pageUrl)}">
        <meta name="robots" content="noindex">
        <link rel="stylesheet" href="/certificates/verify.css">
        </head>
        <body>
        {main}
        </body>
        </html>
        """;

    private static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "an unknown date";

    private static string E(string text) => Html.Encode(text);
}
