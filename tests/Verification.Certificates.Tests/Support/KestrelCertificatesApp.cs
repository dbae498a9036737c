using System.Net;
using System.Net.Sockets;

namespace Verification.Certificates.Tests.Support;

/// <summary>
/// The Host on a real Kestrel port, its public address set to it, so that a child process (the CLI, node) fetches the
/// JWKS and the status list over HTTP as a verifier would.
/// </summary>
public class KestrelCertificatesApp : CertificatesApp
{
    public KestrelCertificatesApp()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>With more settings (webhooks to a loopback receiver, say).</summary>
    protected KestrelCertificatesApp(IReadOnlyDictionary<string, string> settings)
        : this(FreePort(), settings)
    {
    }

    private KestrelCertificatesApp(int port, IReadOnlyDictionary<string, string> settings)
        : base(new Dictionary<string, string>(settings)
        {
            ["Certificates:PublicPageRequestsPerMinute"] = "10000",
            ["Certificates:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        })
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(port);
    }

    public string BaseUrl { get; }

    protected override Uri ClientBaseAddress => new(BaseUrl);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
