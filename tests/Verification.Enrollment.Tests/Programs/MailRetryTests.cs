using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>
/// The Host's own mail sender against an SMTP server of the test's own (a second smtp4dev) that is down, comes back,
/// and goes down for good: retries follow the stated schedule (5 s, 10 s, 20 s, ...), a mail is delivered once the
/// server is back, and after Smtp:MaxAttempts failures it is given up and marked so.
/// </summary>
public sealed class MailRetryTests
{
    private const int MaxAttempts = 4;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mail_is_retried_on_schedule_while_the_server_is_down_delivered_once_when_it_is_back_and_given_up_after_the_limit()
    {
        await using var smtp = new Smtp4Dev();
        await using var app = new TestApp
        {
            Settings = new Dictionary<string, string?>
            {
                ["Smtp:Port"] = smtp.SmtpPort.ToString(CultureInfo.InvariantCulture),
                ["Smtp:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
            },
        };
        await app.InitializeAsync();
        var program = await TestProgram.CreateAsync(app, licences: 5);
        var queuedAt = app.Time.GetUtcNow();
        var delivered = $"ola.{Guid.NewGuid():N}@example.org";

        await (await program.InviteAsync("Ola Down", delivered)).ReadAsync<JsonElement>();
        var first = await WaitForAttemptsAsync(app, delivered, 1);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        var notYetDue = await MailAsync(app, delivered);
        app.Time.Advance(TimeSpan.FromSeconds(5));
        var second = await WaitForAttemptsAsync(app, delivered, 2);
        await smtp.StartAsync();
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var sent = await WaitForAsync(app, delivered, m => m.SentAt is not null);
        using var api = smtp.Api;
        var arrived = await Inbox.WaitForAsync(delivered, 1, api: api);

        Assert.Equal(queuedAt.AddSeconds(5), first.NextAttemptAt);
        Assert.NotNull(first.LastError);
        Assert.Equal(1, notYetDue.Attempts);
        Assert.Contains("join.html?token=", notYetDue.Body, StringComparison.Ordinal);
        Assert.Equal(queuedAt.AddSeconds(15), second.NextAttemptAt);
        Assert.Equal(3, sent.Attempts);
        Assert.Null(sent.GivenUpAt);
        // The join link is kept only as a hash once the mail is out.
        Assert.Equal("", sent.Body);
        Assert.Single(arrived);
        Assert.StartsWith("You are invited", arrived[0].Subject, StringComparison.Ordinal);
        // Delivered once: later polls do not send it again.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        Assert.Single(await Inbox.WaitForAsync(delivered, 2, TimeSpan.FromSeconds(1), api));

        await smtp.StopAsync();
        var lost = $"pat.{Guid.NewGuid():N}@example.org";
        await (await program.InviteAsync("Pat Unlucky", lost)).ReadAsync<JsonElement>();
        foreach (var (attempt, pause) in new[] { (1, 5), (2, 10), (3, 20) })
        {
            await WaitForAttemptsAsync(app, lost, attempt);
            app.Time.Advance(TimeSpan.FromSeconds(pause));
        }

        var givenUp = await WaitForAsync(app, lost, m => m.GivenUpAt is not null);
        app.Time.Advance(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        var afterwards = await MailAsync(app, lost);

        Assert.Equal(MaxAttempts, givenUp.Attempts);
        Assert.Null(givenUp.SentAt);
        Assert.NotNull(givenUp.LastError);
        Assert.Equal(MaxAttempts, afterwards.Attempts);
    }

    private sealed record OutboxRow(int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? GivenUpAt, string? LastError, string Body);

    private static async Task<OutboxRow> MailAsync(TestApp app, string address)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var row = await connection.QuerySingleAsync<(int Attempts, DateTime NextAttemptAt, DateTime? SentAt, DateTime? GivenUpAt, string? LastError, string Body)>(
            "SELECT attempts, next_attempt_at, sent_at, given_up_at, last_error, body_text FROM enrollment.mail_outbox WHERE to_address = @address", new { address });
        return new OutboxRow(row.Attempts, Utc(row.NextAttemptAt), row.SentAt is { } s ? Utc(s) : null, row.GivenUpAt is { } g ? Utc(g) : null, row.LastError, row.Body);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static Task<OutboxRow> WaitForAttemptsAsync(TestApp app, string address, int attempts) => WaitForAsync(app, address, m => m.Attempts == attempts);

    private static async Task<OutboxRow> WaitForAsync(TestApp app, string address, Func<OutboxRow, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var row = await MailAsync(app, address);
            if (condition(row))
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The outbox row stayed at {row}.");
            await Task.Delay(100, Cancel);
        }
    }
}
