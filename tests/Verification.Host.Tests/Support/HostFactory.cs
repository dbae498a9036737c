using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Verification.BuildingBlocks.Encryption;
using Verification.Testing.Contract;

namespace Verification.Host.Tests.Support;

/// <summary>The real Host over a test database of its own, in <paramref name="environment"/>, with extra <paramref name="settings"/>.</summary>
public sealed class HostFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null, string environment = "Testing") : WebApplicationFactory<Program>
{
    public static readonly string EncryptionKey = EnvelopeEncryption.GenerateKey();

    public static readonly string AuditKey = Verification.BuildingBlocks.Audit.AuditKey.Generate();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Verification", connectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EncryptionKey);
        builder.UseSetting("Proctoring:TokenSigningKey", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Audit:Key", AuditKey);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureTestServices(services => services.AddRefusalContract());
    }
}
