using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Access;
using Verification.Lti.Platforms;
using Verification.Lti.Platforms.RegisterPlatform;
using Verification.Lti.ToolConfiguration;
using Verification.Lti.ToolKeys;

namespace Verification.Cli.Lti;

internal sealed class RegisterPlatformSettings : DatabaseCommandSettings
{
    [CommandOption("--partner <PARTNER_ID>")]
    [Description("The catalog's partner id the LMS belongs to (one registration per partner; registering again replaces it).")]
    public Guid Partner { get; init; }

    [CommandOption("--issuer <ISSUER>")]
    public string? Issuer { get; init; }

    [CommandOption("--client-id <CLIENT_ID>")]
    public string? ClientId { get; init; }

    [CommandOption("--deployment <DEPLOYMENT_IDS>")]
    [Description("Comma-separated deployment ids.")]
    public string? Deployments { get; init; }

    [CommandOption("--authorization-endpoint <URL>")]
    public string? AuthorizationEndpoint { get; init; }

    [CommandOption("--token-endpoint <URL>")]
    public string? TokenEndpoint { get; init; }

    [CommandOption("--jwks-url <URL>")]
    public string? JwksUrl { get; init; }
}

/// <summary><c>verification lti register</c>: the same handler and refusals as <c>PUT /api/v1/partners/{id}/lti-platform</c>.</summary>
internal sealed class RegisterPlatformCommand : AsyncCommand<RegisterPlatformSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RegisterPlatformSettings settings, CancellationToken cancellationToken)
    {
        await using var provider = LtiServices.Build(settings.Database);
        await using var scope = provider.CreateAsyncScope();
        var deployments = settings.Deployments?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterPlatformHandler>().HandleAsync(settings.Partner,
            new RegisterPlatformHandler.Registration(settings.Issuer, settings.ClientId, deployments, settings.AuthorizationEndpoint, settings.TokenEndpoint, settings.JwksUrl),
            cancellationToken);
        if (result.Platform is not { } platform)
        {
            Console.Error.WriteLine($"Not registered: {result.Error}: {result.Detail}");
            return 2;
        }

        Console.WriteLine($"platform id  {platform.Id}");
        Console.WriteLine($"issuer       {platform.Issuer}");
        Console.WriteLine($"client id    {platform.ClientId}");
        Console.WriteLine($"deployments  {string.Join(',', platform.DeploymentIds)}");
        return 0;
    }
}

/// <summary>
/// <c>verification lti list</c>: every registration, as <c>GET /api/v1/admin/lti-platforms</c> lists them, one per line
/// with tab-separated fields (a table would wrap issuers and ids on a narrow terminal).
/// </summary>
internal sealed class ListPlatformsCommand : AsyncCommand<DatabaseCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DatabaseCommandSettings settings, CancellationToken cancellationToken)
    {
        await using var provider = LtiServices.Build(settings.Database);
        Console.WriteLine(string.Join('\t', "platform id", "partner", "issuer", "client id", "deployments", "authorization endpoint", "token endpoint", "jwks url", "created"));
        foreach (var p in await provider.GetRequiredService<PlatformStore>().ListAsync(cancellationToken))
        {
            Console.WriteLine(string.Join('\t', p.Id, p.PartnerId, p.Issuer, p.ClientId, string.Join(',', p.DeploymentIds), p.AuthorizationEndpoint, p.TokenEndpoint, p.JwksUrl,
                p.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return 0;
    }
}

internal sealed class ToolValuesSettings : DatabaseCommandSettings
{
    [CommandOption("--base-url <URL>")]
    [Description("The address LMSs reach the service at (Lti__PublicBaseUrl), e.g. https://verify.example.org.")]
    public string BaseUrl { get; init; } = "";

    public override ValidationResult Validate() =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? ValidationResult.Success()
            : ValidationResult.Error("--base-url is the service's absolute http(s) address.");
}

/// <summary><c>verification lti tool-values</c>: what an LMS administrator registers, as <c>GET /lti/tool</c> answers it (JSON).</summary>
internal sealed class ToolValuesCommand : AsyncCommand<ToolValuesSettings>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public override async Task<int> ExecuteAsync(CommandContext context, ToolValuesSettings settings, CancellationToken cancellationToken)
    {
        await using var provider = LtiServices.Build(settings.Database);
        var view = await ToolConfigurationEndpoints.DescribeAsync(provider.GetRequiredService<ToolKeyStore>(), ToolUrls.For(settings.BaseUrl), cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(view, Json));
        return 0;
    }
}
