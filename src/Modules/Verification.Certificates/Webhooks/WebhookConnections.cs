using System.Net;
using System.Net.Sockets;

namespace Verification.Certificates.Webhooks;

/// <summary>
/// The webhook client's connections: the host is resolved and checked by <see cref="WebhookAddressGuard"/> at
/// connection time and the socket goes to an address that passed, so a name re-pointed at an internal address after
/// registration reaches nothing. Redirects are not followed.
/// </summary>
internal static class WebhookConnections
{
    public static SocketsHttpHandler Handler(WebhookAddressGuard guard) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(guard, context.DnsEndPoint, cancellationToken),
    };

    /// <summary>The refused kind when <paramref name="exception"/> comes from a refused address, else null.</summary>
    public static string? RefusedKind(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException refused)
            {
                return refused.Kind;
            }
        }

        return null;
    }

    private static async ValueTask<Stream> ConnectAsync(WebhookAddressGuard guard, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var (addresses, problem) = await guard.ResolveAsync(endPoint.Host, cancellationToken);
        if (problem is not null)
        {
            throw new AddressRefusedException(problem);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class AddressRefusedException(string kind) : IOException("The webhook receiver's address is refused: " + kind + ".")
    {
        public string Kind { get; } = kind;
    }
}
