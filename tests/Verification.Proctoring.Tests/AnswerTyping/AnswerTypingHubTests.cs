using System.Text;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.AnswerTyping;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.AnswerTyping;

/// <summary>
/// <c>SendAnswerTyping</c> through a real SignalR client with each protocol: batches are kept (encrypted, as timing
/// statistics) and counted once per number; hostile batches are refused with their reason code and nothing is kept; a
/// call without a session or after its end is refused. Without a free-text model the comparison is for the reviewer only.
/// </summary>
public sealed class AnswerTypingHubTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task Batches_are_kept_encrypted_counted_once_per_number_and_compared_for_the_reviewer_only_without_a_model(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);
        var batches = AnswerTypings.Of(seed: 21, keys: 150);

        var first = await player.SendAnswerTypingAsync(batches[0]);
        var again = await player.SendAnswerTypingAsync(batches[0]);
        var second = await player.SendAnswerTypingAsync(batches[1]);
        var third = await player.SendAnswerTypingAsync(batches[2]);
        var verdict = await player.EndAsync();

        Assert.True(first.Recorded);
        Assert.Equal((1, 50), (first.Batch, first.KeyPresses));
        Assert.True(again.Recorded);
        Assert.Equal(50, again.KeyPresses);
        Assert.Equal(100, second.KeyPresses);
        Assert.Equal(150, third.KeyPresses);
        Assert.Null(third.Code);
        Assert.DoesNotContain(verdict.Flags, f => f.Kind == "TypingMismatch");
        var rows = await RowsAsync(player.SessionId);
        Assert.Equal([1, 2, 3], rows.Select(r => r.Batch));
        Assert.All(rows, r => Assert.Equal(50, r.KeyPresses));
        Assert.All(rows, r => Assert.Equal("learner", r.KeyId));
        // The plaintext is FreeTextProfileBytes' JSON, which opens with these 11 bytes; three bytes such as "t" turn up
        // in random ciphertext now and then (one CI run found them at byte 706).
        Assert.All(rows, r => Assert.DoesNotContain("{\"v\":1,\"a\":", Encoding.Latin1.GetString(r.Timings), StringComparison.Ordinal));
        // What a node taking the session over rebuilds it from: each batch decrypted, in order.
        var loaded = await app.Factory.Services.GetRequiredService<AnswerTypingStore>().LoadAsync(player.SessionId, learner.LearnerId, Cancel);
        Assert.Equal([1, 2, 3], loaded.Select(b => b.Batch));
        Assert.Equal(AnswerTypings.Typing(batches).Timings.Sum(t => t.Count), loaded.Sum(b => b.Typing.Timings.Sum(t => t.Count)));
        var stored = await SessionEvidenceRows.ReadAsync(app, player.SessionId);
        var freeText = Assert.IsType<SessionFreeText>(stored.FreeText);
        Assert.Equal(150, freeText.KeyPresses);
        Assert.True(freeText.TimingsCompared > 0);
        Assert.NotNull(freeText.Distance);
        Assert.False(freeText.Fused);
        Assert.False(freeText.ModelConfigured);
        Assert.False(freeText.Flagged);
    }

    public static TheoryData<string, string, string> HostileBatches() => new()
    {
        { "null", "invalid_answer_typing", "send { batch, keys: [{ class, down, up }, ...] } with at least one key press." },
        { "keys null", "invalid_answer_typing", "send { batch, keys: [{ class, down, up }, ...] } with at least one key press." },
        { "no keys", "invalid_answer_typing", "send { batch, keys: [{ class, down, up }, ...] } with at least one key press." },
        { "a null key", "invalid_answer_typing", "key 0 must be an object with class, down and up." },
        { "batch 0", "invalid_answer_typing", "the batch number must be 1 to 2000." },
        { "batch 2001", "invalid_answer_typing", "the batch number must be 1 to 2000." },
        { "201 keys", "answer_typing_too_long", "a batch holds at most 200 key presses." },
        { "class 5", "answer_typing_key_class", "key 0 has class 5; classes are 0 to 4." },
        { "class -1", "answer_typing_key_class", "key 0 has class -1; classes are 0 to 4." },
        { "negative down", "answer_typing_timing", "key 0:" },
        { "downs going back", "answer_typing_timing", "key 1:" },
        { "up before down", "answer_typing_timing", "key 0:" },
        { "a key held 61 s", "answer_typing_timing", "key 0:" },
        { "a batch over an hour", "answer_typing_timing", "key 1:" },
    };

    [Theory]
    [MemberData(nameof(HostileBatches))]
    public async Task A_hostile_batch_is_refused_with_its_reason_code_nothing_is_kept_and_the_session_goes_on(string hostile, string code, string detail)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        var mark = app.Factory.Log.Mark();

        var refused = await Assert.ThrowsAsync<HubException>(() => player.InvokeAsync<AnswerTypingResult>("SendAnswerTyping", Hostile(hostile)));
        var good = await player.SendAnswerTypingAsync(AnswerTypings.Of(seed: 5, keys: 50)[0]);

        Assert.Contains($"HubException: {code}: {detail}", refused.Message, StringComparison.Ordinal);
        Assert.True(good.Recorded);
        Assert.Equal(50, good.KeyPresses);
        Assert.Equal([1], (await RowsAsync(player.SessionId)).Select(r => r.Batch));
        Assert.Empty(app.Factory.Log.ErrorsSince(mark));
        var refusal = Assert.Single(app.Factory.Log.Since(mark), e => e.MessageTemplate.Text.StartsWith("Hub {Method} refused", StringComparison.Ordinal));
        Assert.Equal($"\"{code}\"", refusal.Properties["Code"].ToString());
        Assert.Equal(LogEventLevel.Information, refusal.Level);
    }

    [Fact]
    public async Task Answer_typing_without_a_session_or_after_its_end_is_refused_and_nothing_is_kept()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var connection = await Hubs.OpenAsync(app, "json");
        var batch = AnswerTypings.Of(seed: 6, keys: 100);

        var before = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<AnswerTypingResult>("SendAnswerTyping", batch[0], Cancel));
        await using var player = await Player.StartOnAsync(connection, await app.TokenAsync(learner, "session", "quiz-answers-end"));
        await player.SendAnswerTypingAsync(batch[0]);
        await player.EndAsync();
        var after = await Assert.ThrowsAsync<HubException>(() => player.SendAnswerTypingAsync(batch[1]));

        Assert.Contains("HubException: session_not_started: ", before.Message, StringComparison.Ordinal);
        Assert.Contains("HubException: session_ended: ", after.Message, StringComparison.Ordinal);
        Assert.Equal([1], (await RowsAsync(player.SessionId)).Select(r => r.Batch));
    }

    private static object? Hostile(string hostile)
    {
        var key = AnswerTypings.Key(0, 0, 80);
        return hostile switch
        {
            "null" => null,
            "keys null" => new AnswerTypingBatch { Batch = 1, Keys = null },
            "no keys" => AnswerTypings.WithKeys(1),
            "a null key" => new AnswerTypingBatch { Batch = 1, Keys = [null!] },
            "batch 0" => AnswerTypings.WithKeys(0, key),
            "batch 2001" => AnswerTypings.WithKeys(2001, key),
            "201 keys" => AnswerTypings.WithKeys(1, [.. Enumerable.Range(0, 201).Select(i => AnswerTypings.Key(0, i * 100, (i * 100) + 80))]),
            "class 5" => AnswerTypings.WithKeys(1, AnswerTypings.Key(5, 0, 80)),
            "class -1" => AnswerTypings.WithKeys(1, AnswerTypings.Key(-1, 0, 80)),
            "negative down" => AnswerTypings.WithKeys(1, AnswerTypings.Key(0, -5, 80)),
            "downs going back" => AnswerTypings.WithKeys(1, AnswerTypings.Key(0, 100, 180), AnswerTypings.Key(1, 50, 120)),
            "up before down" => AnswerTypings.WithKeys(1, AnswerTypings.Key(0, 100, 90)),
            "a key held 61 s" => AnswerTypings.WithKeys(1, AnswerTypings.Key(0, 0, 61_000)),
            "a batch over an hour" => AnswerTypings.WithKeys(1, key, AnswerTypings.Key(1, 3_600_000, 3_600_080)),
            _ => throw new ArgumentOutOfRangeException(nameof(hostile)),
        };
    }

    private async Task<List<(int Batch, int KeyPresses, string KeyId, byte[] Timings)>> RowsAsync(Guid sessionId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return [.. await connection.QueryAsync<(int, int, string, byte[])>(
            "SELECT batch_number, key_presses, key_id, timings FROM proctoring.session_answer_typing WHERE session_id = @sessionId ORDER BY batch_number", new { sessionId })];
    }
}
