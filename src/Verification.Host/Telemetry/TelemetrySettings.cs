using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Verification.Host.Telemetry;

/// <summary>Section <c>Telemetry</c>: where Prometheus scrapes the metrics, who may, and where traces go.</summary>
internal sealed class TelemetrySettings : IValidatableObject
{
    public const string SectionName = "Telemetry";

    public bool MetricsEnabled { get; set; } = true;

    [RegularExpression("^/[a-z0-9/_-]+$")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// The networks (CIDR) a scrape may come from, after forwarded headers are applied; none configured means this
    /// machine only (<see cref="LoopbackNetworks"/>). Empty by default because the configuration binder appends to an
    /// array's initial items instead of replacing them. A request without a remote address came over a unix socket or
    /// in-process, so it is local too.
    /// </summary>
    public string[] MetricsAllowedNetworks { get; set; } = [];

    public static readonly string[] LoopbackNetworks = ["127.0.0.0/8", "::1/128"];

    // Parsed on the first scrape: the options are bound and validated by then and do not change afterwards.
    private IPNetwork[]? _networks;

    /// <summary>An OTLP endpoint (for example <c>http://collector:4317</c>) that receives traces and metrics; none by default.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in MetricsAllowedNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                yield return new ValidationResult($"{SectionName}:MetricsAllowedNetworks has '{network}', which is not a CIDR network such as 10.0.0.0/8.");
            }
        }

        if (OtlpEndpoint is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult($"{SectionName}:OtlpEndpoint must be an absolute URL.");
        }
    }

    public bool Allows(IPAddress? remote)
    {
        if (remote is null)
        {
            return true;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        _networks ??= (MetricsAllowedNetworks.Length == 0 ? LoopbackNetworks : MetricsAllowedNetworks).Select(IPNetwork.Parse).ToArray();
        return _networks.Any(n => n.Contains(address));
    }
}
