using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Verification.Host.Security;

/// <summary>
/// Browser files from a page's npm packages, each named here: the page asks for <c>/player/vendor/signalr.min.js</c>
/// and gets that one file, while the packages' folders themselves are never served.
/// </summary>
internal sealed class VendoredFiles(string webRoot) : IFileProvider
{
    public const string RequestPath = "/player/vendor";

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["/signalr.min.js"] = "player/node_modules/@microsoft/signalr/dist/browser/signalr.min.js",
        ["/signalr-protocol-msgpack.min.js"] = "player/node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js",
    };

    public static IReadOnlyCollection<string> Names => Files.Keys;

    public IFileInfo GetFileInfo(string subpath)
    {
        if (!Files.TryGetValue(subpath, out var relative))
        {
            return new NotFoundFileInfo(subpath);
        }

        var file = new FileInfo(Path.Combine(webRoot, relative));
        return file.Exists ? new PhysicalFileInfo(file) : new NotFoundFileInfo(subpath);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
}
