using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Player.Tests.Support;

/// <summary>
/// The real Host on a loopback Kestrel port (a browser needs a socket), over a test database of its own, with the demo
/// seed (the demo learner, an organisation's program with members in each state, Acme's program administrator), frames
/// every second so an assessment takes seconds, not minutes, and mail to the test run's SMTP server. No test-only
/// authentication: the pages sign in as real learners and staff. A fake clock is for pages only (a staff cookie's
/// lifetime): sessions and their frames need the real one.
/// </summary>
internal sealed class PlayerHost : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly FakeTimeProvider? _time;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public PlayerHost(string connectionString, FakeTimeProvider? time = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _connectionString = connectionString;
        _time = time;
        _settings = settings ?? new Dictionary<string, string>();
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
        builder.UseSetting("Proctoring:TokenSigningKey", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Audit:Key", Verification.BuildingBlocks.Audit.AuditKey.Generate());
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Proctoring:Sessions:FrameIntervalSeconds", "1");
        builder.UseSetting("Smtp:Host", smtp[0]);
        builder.UseSetting("Smtp:Port", smtp[1]);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        }
    }
}
