using Scalar.AspNetCore;

namespace Verification.Host.Startup;

/// <summary>
/// The OpenAPI document and its Scalar reference, served only when <c>ApiReference:Enabled</c> is on. Unset, it is on
/// outside Production and with the demo switch, off in Production.
/// </summary>
internal static class ApiReference
{
    public const string Setting = "ApiReference:Enabled";

    public static bool IsEnabled(IHostEnvironment environment, IConfiguration configuration) =>
        configuration.GetValue<bool?>(Setting) ?? (!environment.IsProduction() || DemoMode.IsOn(configuration));

    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (IsEnabled(app.Environment, app.Configuration))
        {
            app.MapOpenApi().AllowAnonymous();
            // No web fonts from Scalar's CDN: the page's CSP allows this origin only.
            app.MapScalarApiReference(options => options.DisableDefaultFonts()).AllowAnonymous();
        }

        return app;
    }
}
