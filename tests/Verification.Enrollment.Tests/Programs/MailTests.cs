using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Verification.Enrollment.Mail;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>The three program mails, read from the real SMTP server that test.sh starts.</summary>
public sealed class MailTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_invitation_welcome_and_exit_mails_arrive_with_the_right_links()
    {
        var program = await TestProgram.CreateAsync(app, licences: 3);
        var email = $"mia.{Guid.NewGuid():N}@example.org";
        var invitation = await (await program.InviteAsync("Mia Müller", email)).ReadAsync<JsonElement>();

        var joined = await Joining.JoinFromMailAsync(app, email);
        var joinedAgain = await Joining.JoinFromMailAsync(app, email);
        using var removed = await program.Admin.DeleteAsync($"/api/v1/programs/{program.ProgramId}/members/{invitation.GetProperty("memberId").GetGuid()}", Cancel);
        var mails = await Inbox.WaitForAsync(email, 3);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(joined.GetProperty("learnerId").GetGuid(), joinedAgain.GetProperty("learnerId").GetGuid());
        Assert.Equal(["You are invited to Acme Data Academy", "Welcome to Acme Data Academy", "You have left Acme Data Academy"], mails.Select(m => m.Subject));
        Assert.Matches(Joining.JoinToken(), mails[0].Body);
        Assert.Contains("Hello Mia Müller", mails[0].Body, StringComparison.Ordinal);
        Assert.Contains($"https://verify.example.org/programs/join.html?program={program.Slug}", mails[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", mails[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_invitation_or_a_forged_token_does_not_join()
    {
        var program = await TestProgram.CreateAsync(app, licences: 3);
        var email = $"ned.{Guid.NewGuid():N}@example.org";
        var invitation = await (await program.InviteAsync("Ned", email)).ReadAsync<JsonElement>();
        var token = Joining.JoinToken().Match((await Inbox.WaitForAsync(email, 1))[0].Body).Groups[1].Value;
        using (var withdrawn = await program.Admin.DeleteAsync($"/api/v1/programs/{program.ProgramId}/members/{invitation.GetProperty("memberId").GetGuid()}", Cancel))
        {
            withdrawn.EnsureSuccessStatusCode();
        }

        using var late = await app.As(null).PostAsync("/api/v1/programs/join", System.Net.Http.Json.JsonContent.Create(new { token }), Cancel);
        using var forged = await app.As(null).PostAsync("/api/v1/programs/join", System.Net.Http.Json.JsonContent.Create(new { token = new string('A', 43) }), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal("DELETED_MEMBER", Assert.Single(await program.MembersAsync()).GetProperty("state").GetString());
    }

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
