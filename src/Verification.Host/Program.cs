using Serilog;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Migrations;
using Verification.Host.Startup;
using Verification.Matching.Models;

// A plain logger for start-up failures only. Not a reloadable bootstrap logger: that is one static instance which
// every Host in the process would freeze, and two Hosts in one test run would race for it.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var app = VerificationHost.Build(args);
    VerificationHost.PrintWelcome(app);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is DatabaseUnavailableException or MigrationException or ModelVerificationException or SettingInvalidException
    or Microsoft.Extensions.Options.OptionsValidationException)
{
    // Configuration problems get one readable line, not a stack trace.
    Log.Fatal("Verification cannot start: {Reason}", ex.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
