namespace Verification.Enrollment.Programs;

/// <summary>The <c>Programs</c> section: where join links point, how large a CSV may be, when a member counts as inactive.</summary>
internal sealed class ProgramSettings
{
    public const string SectionName = "Programs";

    /// <summary>The public address of the service; join links are <c>{PublicBaseUrl}/programs/join.html?token=…</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public int MaxCsvBytes { get; set; } = 1024 * 1024;

    public int MaxCsvRows { get; set; } = 5000;

    public int InactiveAfterDays { get; set; } = 30;

    public string? Validate()
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Query.Length > 0)
        {
            return "Programs:PublicBaseUrl must be the service's absolute http(s) address, e.g. https://verify.example.org";
        }

        if (MaxCsvBytes is < 1024 or > 50 * 1024 * 1024)
        {
            return "Programs:MaxCsvBytes must be between 1024 and 52428800.";
        }

        if (MaxCsvRows is < 1 or > 100_000)
        {
            return "Programs:MaxCsvRows must be between 1 and 100000.";
        }

        return InactiveAfterDays is < 1 or > 3650 ? "Programs:InactiveAfterDays must be between 1 and 3650." : null;
    }

    public string JoinUrl(string token) => PublicBaseUrl.TrimEnd('/') + "/programs/join.html?token=" + Uri.EscapeDataString(token);

    public string ProgramUrl(string programSlug) => PublicBaseUrl.TrimEnd('/') + "/programs/join.html?program=" + Uri.EscapeDataString(programSlug);
}
