using System.Net;
using System.Text.RegularExpressions;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Security;

/// <summary>Only the files a page needs are served: no npm folders, manifests or lock files; the vendored scripts by name.</summary>
public sealed partial class PageFilesTests : IAsyncLifetime
{
    private static readonly string WebRoot = Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "wwwroot");
    private TestDatabase _database = null!;
    private HostFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        _factory = new HostFactory(_database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("/player/package.json")]
    [InlineData("/player/package-lock.json")]
    [InlineData("/player/node_modules/@microsoft/signalr/dist/browser/signalr.min.js")]
    [InlineData("/player/node_modules/@microsoft/signalr/package.json")]
    [InlineData("/player/node_modules/axe-core/axe.min.js")]
    [InlineData("/player/node_modules/.package-lock.json")]
    [InlineData("/player/node_modules/")]
    [InlineData("/player/%6Eode_modules/axe-core/axe.min.js")]
    [InlineData("/player/js/../node_modules/axe-core/axe.min.js")]
    [InlineData("/player/vendor/axe.min.js")]
    [InlineData("/player/vendor/../node_modules/axe-core/axe.min.js")]
    [InlineData("/player/vendor/")]
    public async Task Npm_folders_manifests_and_unlisted_files_are_not_served(string path)
    {
        // The files exist on disk: a 404 here is the Host refusing them, not a missing install.
        Assert.True(File.Exists(Path.Combine(WebRoot, "player", "package-lock.json")));
        Assert.True(File.Exists(Path.Combine(WebRoot, "player", "node_modules", "axe-core", "axe.min.js")));
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/player/vendor/signalr.min.js", "player/node_modules/@microsoft/signalr/dist/browser/signalr.min.js")]
    [InlineData("/player/vendor/signalr-protocol-msgpack.min.js", "player/node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js")]
    public async Task The_vendored_browser_files_are_served_by_name(string path, string source)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(WebRoot, source), TestContext.Current.CancellationToken),
            await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Every_script_and_stylesheet_a_page_names_is_served_from_this_host()
    {
        using var client = _factory.CreateClient();
        var pages = Directory.EnumerateFiles(WebRoot, "*.html", SearchOption.AllDirectories).Where(p => !p.Contains("node_modules", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);

        foreach (var page in pages)
        {
            var html = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
            var pageUrl = new Uri(new Uri("http://localhost/"), "/" + Path.GetRelativePath(WebRoot, page).Replace('\\', '/'));
            foreach (Match reference in ScriptOrStylesheet().Matches(html))
            {
                var url = new Uri(pageUrl, reference.Groups["url"].Value);
                Assert.Equal("localhost", url.Host);
                using var response = await client.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url.PathAndQuery} named by {pageUrl.AbsolutePath}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task No_page_holds_inline_script_style_or_event_handlers()
    {
        var pages = Directory.EnumerateFiles(WebRoot, "*.html", SearchOption.AllDirectories).Where(p => !p.Contains("node_modules", StringComparison.Ordinal)).ToList();
        var scripts = Directory.EnumerateFiles(WebRoot, "*.js", SearchOption.AllDirectories).Where(p => !p.Contains("node_modules", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        Assert.NotEmpty(scripts);

        foreach (var page in pages)
        {
            var html = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineStyle(), html);
            Assert.DoesNotMatch(EventHandlerAttribute(), html);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        }

        // What the CSP would refuse at run time: string evaluation and style attributes written by script.
        foreach (var script in scripts)
        {
            var source = await File.ReadAllTextAsync(script, TestContext.Current.CancellationToken);
            Assert.DoesNotMatch(@"\beval\(|new Function\(|setAttribute\(\s*[""']style|\.innerHTML\s*=.*style=", source);
        }
    }

    [GeneratedRegex("<(?:script|link)\\b[^>]*\\b(?:src|href)=\"(?<url>[^\"]+\\.(?:js|css))\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStylesheet();

    [GeneratedRegex("<script\\b(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style\\b|\\sstyle=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex("\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
