using System.Net;
using System.Net.Sockets;

namespace Verification.Certificates.Webhooks;

/// <summary>
/// Keeps webhooks from reaching the service's own network (SSRF): a receiver must be an https address whose host
/// resolves only to public addresses. Checked at registration and again on every connection, since DNS can change
/// after registration; the connection goes to the address that was checked.
/// </summary>
internal sealed class WebhookAddressGuard(WebhookSettings settings)
{
    private static readonly string[] MetadataHosts = ["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"];

    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("169.254.170.2"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192"), IPAddress.Parse("fd00:ec2::254")];

    /// <summary>Why <paramref name="url"/> may not receive webhooks, before any name is resolved; null when it may be tried.</summary>
    public string? UrlProblem(string? url)
    {
        if (url is null || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return "url must be an absolute https address without credentials.";
        }

        var loopbackHttp = settings.TestOnlyAllowLoopbackReceivers && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        return uri.Scheme == Uri.UriSchemeHttps || loopbackHttp ? null : "url must be an https address.";
    }

    /// <summary>Why <paramref name="address"/> may not receive webhooks (its kind), or null for a public address.</summary>
    public string? AddressProblem(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (MetadataAddresses.Contains(address))
        {
            return "metadata";
        }

        if (IPAddress.IsLoopback(address))
        {
            return settings.TestOnlyAllowLoopbackReceivers ? null : "loopback";
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? V4Problem(address.GetAddressBytes()) : V6Problem(address);
    }

    /// <summary>The host's addresses when every one is allowed; otherwise the refused kind.</summary>
    public async Task<(IPAddress[] Addresses, string? Problem)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (MetadataHosts.Contains(host.TrimEnd('.').ToLowerInvariant()))
        {
            return ([], "metadata");
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                return ([], "unresolvable");
            }
        }

        if (addresses.Length == 0)
        {
            return ([], "unresolvable");
        }

        // Every address, not just the first: a host answering one public and one private address is refused.
        foreach (var address in addresses)
        {
            if (AddressProblem(address) is { } problem)
            {
                return ([], problem);
            }
        }

        return (addresses, null);
    }

    private static string? V4Problem(byte[] b) => b switch
    {
        [0, ..] => "unspecified",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] or [100, >= 64 and <= 127, ..] => "private",
        [169, 254, ..] => "link_local",
        [>= 224 and <= 239, ..] => "multicast",
        [>= 240, ..] or [192, 0, 0, _] or [198, 18 or 19, ..] => "reserved",
        _ => null,
    };

    private static string? V6Problem(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }

        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return "reserved";
        }

        if (address.IsIPv6Multicast)
        {
            return "multicast";
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "link_local";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "private";
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that decides.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            return V4Problem(b[12..16]);
        }

        return b[0] == 0x20 && b[1] == 0x02 ? V4Problem(b[2..6]) : null;
    }
}
