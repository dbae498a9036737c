using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Verification.BuildingBlocks.Encryption;
using Verification.Testing.Contract;

namespace Verification.Host.Tests.Access.Support;

/// <summary>
/// The real Host over a test database, with a clock the test moves and extra settings. The test server has no client
/// address, so a startup filter gives each request the one in <c>X-Test-Client</c> (loopback by default), as Kestrel would.
/// </summary>
public sealed class AccessHostFactory(string connectionString, FakeTimeProvider time, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string ClientAddressHeader = "X-Test-Client";
    public static readonly string SigningKey = EnvelopeEncryption.GenerateKey();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Verification", connectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Audit:Key", Verification.BuildingBlocks.Audit.AuditKey.Generate());
        builder.UseSetting("Proctoring:TokenSigningKey", SigningKey);
        builder.UseSetting("Demo:Seed", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
            services.AddRefusalContract();
        });
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address) ? address : IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }
}
