using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Host.Tests.Support;

/// <summary>The real Host over a test database of its own.</summary>
public sealed class HostFactory(string connectionString) : WebApplicationFactory<Program>
{
    public static readonly string EncryptionKey = EnvelopeEncryption.GenerateKey();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Verification", connectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EncryptionKey);
        builder.UseSetting("Proctoring:TokenSigningKey", EnvelopeEncryption.GenerateKey());
    }
}
