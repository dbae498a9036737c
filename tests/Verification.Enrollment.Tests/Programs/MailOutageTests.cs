using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Verification.Enrollment.Mail;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>Its own Host: the test stops the Host's mail sender to drive two senders of its own, one against a closed port.</summary>
public sealed class MailOutageTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mail_queued_while_the_smtp_server_is_down_is_kept_and_delivered_once_it_is_back()
    {
        var program = await TestProgram.CreateAsync(app, licences: 3);
        var email = $"ola.{Guid.NewGuid():N}@example.org";
        var closedPort = ClosedPort();
        await using var scope = app.Services.CreateAsyncScope();
        var dataSource = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
        var down = new MailSender(dataSource, Settings(closedPort), app.Time, NullLogger<MailSender>.Instance);
        var up = new MailSender(dataSource, Settings(int.Parse(TestApp.SmtpEndpoint.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)), app.Time, NullLogger<MailSender>.Instance);

        // The Host's own sender would deliver it at once: stop it first, so only the two senders here run.
        await app.Services.GetRequiredService<MailSender>().StopAsync(Cancel);
        using (var invited = await program.InviteAsync("Ola", email))
        {
            await invited.ReadAsync<JsonElement>();
        }

        var sentWhileDown = await down.SendDueAsync(Cancel);
        var sentTooEarly = await up.SendDueAsync(Cancel);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var sentWhenBack = await up.SendDueAsync(Cancel);
        var sentAgain = await up.SendDueAsync(Cancel);

        Assert.Equal(0, sentWhileDown);
        Assert.Equal(0, sentTooEarly);
        Assert.Equal(1, sentWhenBack);
        Assert.Equal(0, sentAgain);
        Assert.Single(await Inbox.WaitForAsync(email, 1));
    }

    private static SmtpSettings Settings(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = "None",
        FromAddress = "programs@verification.localhost",
        PollSeconds = 1,
    };

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
