using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verification.BuildingBlocks.Encryption;
using Verification.Testing;
using Verification.Testing.Access;

namespace Verification.Enrollment.Tests.Support;

/// <summary>The real Host over a database of its own for a test class, with the test access scheme and a fake clock.</summary>
public sealed class TestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The SMTP server test.sh starts (smtp4dev), as host:port.</summary>
    public static string SmtpEndpoint => Environment.GetEnvironmentVariable("VERIFICATION_TEST_SMTP") ?? "127.0.0.1:2525";

    private TestDatabase? _database;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateEmptyAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A client acting as <paramref name="access"/> (see <see cref="TestAccess"/>), or anonymous.</summary>
    public HttpClient As(string? access)
    {
        var client = CreateClient();
        return access is null ? client : client.With(access);
    }

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, TestContext.Current.CancellationToken);
    }

    public async Task<T> SendAsync<T>(IQuery<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, TestContext.Current.CancellationToken);
    }

    public async Task<T> SendAsync<T>(ICommand<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, TestContext.Current.CancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Verification", Database.ConnectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Audit:Key", Verification.BuildingBlocks.Audit.AuditKey.Generate());
        builder.UseSetting("Proctoring:TokenSigningKey", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Smtp:Host", SmtpEndpoint.Split(':')[0]);
        builder.UseSetting("Smtp:Port", SmtpEndpoint.Split(':')[1]);
        builder.UseSetting("Smtp:PollSeconds", "0.2");
        builder.UseSetting("Programs:PublicBaseUrl", "https://verify.example.org");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddTestAccess();
        });
    }
}

public static class Json
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(TestContext.Current.CancellationToken))!;
    }
}
