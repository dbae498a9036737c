using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Verification.BuildingBlocks.Encryption;
using Verification.Testing.Contract;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// The real Host over a test database, with the settings the proctoring tests share: encryption and signing keys and the CMU password as the typing phrase so that real CMU typing can be replayed.
/// Pass a <see cref="FakeTimeProvider"/> to move the clock (token expiry); otherwise the system clock runs. Further
/// <paramref name="settings"/> are named as environment variables (<c>Redis__Configuration</c>), as for <see cref="HostProcess"/>.
/// </summary>
public sealed class ProctoringHostFactory(string connectionString, FakeTimeProvider? time = null, bool demo = false, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The CMU benchmark's password; Enter after it submits, as in the recordings.</summary>
    public const string TypingPhrase = ".tie5Roanl";

    public static readonly string EncryptionKey = EnvelopeEncryption.GenerateKey();

    public static readonly string SigningKey = EnvelopeEncryption.GenerateKey();

    public static readonly string AuditKey = Verification.BuildingBlocks.Audit.AuditKey.Generate();

    /// <summary>What the Host logged, through the Serilog pipeline it configures for itself.</summary>
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Verification", connectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EncryptionKey);
        builder.UseSetting("Proctoring:TokenSigningKey", SigningKey);
        builder.UseSetting("Audit:Key", AuditKey);
        builder.UseSetting("Proctoring:TypingPhrase", TypingPhrase);
        builder.UseSetting("Demo:Seed", demo ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Log);
            services.AddRefusalContract();
        });
        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        }
    }
}
