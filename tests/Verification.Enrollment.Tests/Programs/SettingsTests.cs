using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>The module checks its settings while the Host wires it, so a bad value stops the start with one line naming it.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Programs:PublicBaseUrl", "ftp://verify.example.org", "Programs:PublicBaseUrl")]
    [InlineData("Programs:PublicBaseUrl", "not a url", "Programs:PublicBaseUrl")]
    [InlineData("Programs:MaxCsvBytes", "10", "Programs:MaxCsvBytes")]
    [InlineData("Programs:InactiveAfterDays", "0", "Programs:InactiveAfterDays")]
    [InlineData("Smtp:Host", "", "Smtp:Host")]
    [InlineData("Smtp:Port", "70000", "Smtp:Port")]
    [InlineData("Smtp:FromAddress", "not an address", "Smtp:FromAddress")]
    [InlineData("Smtp:Security", "Maybe", "Smtp:Security")]
    public void A_bad_program_or_smtp_setting_stops_the_start_naming_the_setting(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<SettingInvalidException>(() => new EnrollmentModule().AddServices(new ServiceCollection(), configuration));

        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid_and_point_at_the_local_smtp_server()
    {
        var services = new ServiceCollection();

        new EnrollmentModule().AddServices(services, new ConfigurationBuilder().Build());

        Assert.Contains(services, s => s.ServiceType.Name == "SmtpSettings");
    }
}
