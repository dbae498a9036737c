using Dapper;
using Microsoft.AspNetCore.SignalR;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.AnswerTyping;

/// <summary>
/// With the database stopped a batch of answer typing is refused <c>database_unavailable</c> with a retry hint and counts
/// nowhere; sent again with the same number once the database is back, it is kept and counted once.
/// </summary>
public sealed class AnswerTypingOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_refused_while_the_database_is_stopped_is_kept_and_counted_once_when_sent_again()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var app = ProctoringApp.Over(server.ConnectionString);
        await app.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        var batches = AnswerTypings.Of(seed: 12, keys: 100);
        Assert.Equal(50, (await player.SendAnswerTypingAsync(batches[0])).KeyPresses);

        await server.StopServerAsync();
        var mark = app.Factory.Log.Mark();
        var refused = await Assert.ThrowsAsync<HubException>(() => player.SendAnswerTypingAsync(batches[1]));
        await server.StartServerAsync();
        // As the player does: the batch waits and goes again with the same number; a pooled connection that died with the server may fail once more.
        AnswerTypingResult? kept = null;
        for (var attempt = 0; kept is null && attempt < 20; attempt++)
        {
            try
            {
                kept = await player.SendAnswerTypingAsync(batches[1]);
            }
            catch (HubException e) when (e.Message.Contains("database_unavailable", StringComparison.Ordinal))
            {
                await Task.Delay(250, Cancel);
            }
        }

        var again = await player.SendAnswerTypingAsync(batches[1]);

        Assert.Contains("HubException: database_unavailable: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Retry in 5 seconds", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(kept);
        Assert.Equal(100, kept.KeyPresses);
        Assert.Equal(100, again.KeyPresses);
        var refusals = app.Factory.Log.Since(mark).Where(e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("HubInputFilter", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.MessageTemplate.Text.Contains("database_unavailable", StringComparison.Ordinal));
        Assert.All(refusals, e => Assert.True(e.Level <= Serilog.Events.LogEventLevel.Warning && e.Exception is null, e.RenderMessage()));
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(100, await connection.ExecuteScalarAsync<int>(
            "SELECT sum(key_presses)::int FROM proctoring.session_answer_typing WHERE session_id = @SessionId", new { player.SessionId }));
    }
}
