using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Player.Tests.Support;

/// <summary>
/// The Host on a loopback port with the demo seed: an organisation's program with members in each state, and Acme's
/// program administrator. No test-only authentication: the page signs in as a real staff account.
/// </summary>
internal sealed class ProgramsHost : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public ProgramsHost(string connectionString)
    {
        _connectionString = connectionString;
        UseKestrel(0);
    }

    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var smtp = (Environment.GetEnvironmentVariable("VERIFICATION_TEST_SMTP") ?? "127.0.0.1:2525").Split(':');
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Verification", _connectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Audit:Key", Verification.BuildingBlocks.Audit.AuditKey.Generate());
        builder.UseSetting("Proctoring:TokenSigningKey", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Smtp:Host", smtp[0]);
        builder.UseSetting("Smtp:Port", smtp[1]);
        builder.UseSetting("Demo:Seed", "true");
    }
}
