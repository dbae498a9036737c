using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Encryption;
using Verification.Lti;

namespace Verification.Cli.Lti;

/// <summary>
/// The LTI module's stores over the service's database (<c>VERIFICATION_DB</c> or <c>--database</c>) for the
/// operator's <c>lti</c> commands; the master key from the Host's environment (<c>Encryption__…</c>) when the tool
/// key is read. The Host must have migrated the database once.
/// </summary>
internal static class LtiServices
{
    public static ServiceProvider Build(string? database)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (!string.IsNullOrWhiteSpace(database))
        {
            configuration["ConnectionStrings:Verification"] = database;
        }

        var services = new ServiceCollection();
        services.AddVerificationDatabase(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ =>
        {
            var options = new EncryptionOptions();
            configuration.GetSection(EncryptionOptions.SectionName).Bind(options);
            return new EnvelopeEncryption(options);
        });
        LtiModule.AddStores(services, configuration);
        services.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Scoped);
        return services.BuildServiceProvider();
    }
}
