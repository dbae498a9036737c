using System.ComponentModel.DataAnnotations;

namespace Verification.Host.Security;

/// <summary>Section <c>Access:ApiKeys</c>: each key's request budget. Validated at start-up.</summary>
internal sealed class ApiKeySettings
{
    public const string SectionName = "Access:ApiKeys";

    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 600;
}
