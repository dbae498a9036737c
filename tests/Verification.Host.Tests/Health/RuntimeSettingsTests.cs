using System.Text.Json;

namespace Verification.Host.Tests.Health;

/// <summary>The runtime settings the built Host starts with, as the runtime reads them from its runtimeconfig file.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_host_compiles_its_code_optimised_on_the_first_call_as_measured_for_the_first_sessions_after_a_start()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Verification.Host.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(file));

        var quickJit = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.Runtime.TieredCompilation.QuickJit");

        Assert.False(quickJit.GetBoolean());
    }
}
