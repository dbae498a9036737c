using System.Diagnostics;
using Verification.Testing;

namespace Verification.Billing.Tests.Stripe;

/// <summary>Starts the built Host as a real process, as an operator would, with Stripe chosen and its keys missing.</summary>
public sealed class StripeStartupTests
{
    [Theory]
    [InlineData("", "whsec_0123456789abcdefghij", "Billing:Stripe:SecretKey")]
    [InlineData("sk_test_0123456789abcdefghij", "", "Billing:Stripe:WebhookSecret")]
    public async Task A_host_with_stripe_chosen_and_a_key_missing_refuses_to_start_and_names_the_setting(string secretKey, string webhookSecret, string named)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateEmptyAsync();
        var start = new ProcessStartInfo("dotnet", [System.IO.Path.Combine(AppContext.BaseDirectory, "Verification.Host.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["ConnectionStrings__Verification"] = database.ConnectionString;
        start.Environment["Encryption__ActiveKeyId"] = "k";
        start.Environment["Encryption__Keys__k"] = Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey();
        start.Environment["Proctoring__TokenSigningKey"] = Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey();
        start.Environment["Audit__Key"] = Verification.BuildingBlocks.Audit.AuditKey.Generate();
        start.Environment["Billing__Provider"] = "stripe";
        start.Environment["Billing__Stripe__SecretKey"] = secretKey;
        start.Environment["Billing__Stripe__WebhookSecret"] = webhookSecret;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output + await error;

        Assert.Equal(1, process.ExitCode);
        Assert.Contains(named, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_test_0123456789abcdefghij", printed, StringComparison.Ordinal);
    }
}
