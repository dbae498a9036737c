using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Verification.Host.Security;

/// <summary>
/// The web root as the browser may see it: npm's folders and manifests stay on disk for the build and the tests, but
/// nothing under <c>node_modules</c>, no <c>package.json</c> or lock file, and no dot-file is served. The few browser
/// files a page loads from its packages are served from <see cref="VendoredFiles"/> under their own path.
/// </summary>
internal sealed class PageFiles(IFileProvider inner) : IFileProvider
{
    private static readonly HashSet<string> HiddenNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "node_modules", "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
    };

    public static bool IsHidden(string subpath)
    {
        foreach (var segment in subpath.Split('/', '\\'))
        {
            if (HiddenNames.Contains(segment) || segment.StartsWith('.'))
            {
                return true;
            }
        }

        return false;
    }

    public IFileInfo GetFileInfo(string subpath) => IsHidden(subpath) ? new NotFoundFileInfo(subpath) : inner.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) =>
        IsHidden(subpath) ? NotFoundDirectoryContents.Singleton : inner.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => inner.Watch(filter);
}
