using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Verification.Proctoring.Privacy.Retention;

/// <summary>The public retention schedule (BIPA asks for one), rendered on the server from the configured periods.</summary>
internal static class RetentionPageEndpoint
{
    public static void MapRetentionPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/privacy/retention", Render)
            .AllowAnonymous()
            .ExcludeFromDescription();

    private static ContentHttpResult Render(RetentionSchedule schedule)
    {
        var rows = new StringBuilder();
        foreach (var period in schedule.Periods)
        {
            rows.Append("<tr id=\"").Append(E(period.DataClass)).Append("\"><th scope=\"row\">").Append(E(period.Data))
                .Append("</th><td>").Append(E(period.KeptFor)).Append("</td></tr>");
        }

        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Retention schedule for biometric data</title></head>
            <body>
            <main>
            <h1>Retention schedule for biometric data</h1>
            <p>We collect face pictures, a photo of your ID and the rhythm of your typing only with your consent, to verify that you are the person
            earning a certificate. Each kind of data is destroyed at the end of its period below, and all of it when you ask for erasure.
            Nothing is deleted while a person is still reviewing it. Everything is encrypted at rest under a key of your own, which erasure destroys.</p>
            <table><thead><tr><th scope="col">Data</th><th scope="col">Kept for</th></tr></thead><tbody>{rows}</tbody></table>
            </main>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}
