namespace Verification.Host.Security;

internal static class StaticPages
{
    /// <summary>The web root through <see cref="PageFiles"/>, plus the named vendored files; nothing else on disk is reachable.</summary>
    public static WebApplication UsePageFiles(this WebApplication app)
    {
        app.Environment.WebRootFileProvider = new PageFiles(app.Environment.WebRootFileProvider);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = VendoredFiles.RequestPath,
            FileProvider = new VendoredFiles(app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot")),
        });
        return app;
    }
}
