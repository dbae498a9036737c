using Microsoft.AspNetCore.SignalR;
using Serilog.Events;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Hostile;

/// <summary>
/// Nulls and broken messages sent to <c>/hubs/proctoring</c> by a real SignalR client, with each protocol: every one is
/// a hub error whose message carries a reason code, the connection and the session go on, and nothing is logged as
/// an error. The messages asserted here are the ones docs/player-protocol.md shows.
/// </summary>
public sealed class HubInputTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private const string BatchPrefix = "An unexpected error occurred invoking 'SendKeystrokes' on the server. HubException: invalid_keystroke_batch: ";

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task Null_and_broken_keystroke_batches_are_hub_errors_with_a_reason_code_and_the_session_goes_on(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);
        var mark = app.Factory.Log.Mark();

        var nullBatch = await Assert.ThrowsAsync<HubException>(() => player.InvokeAsync<KeystrokeResult>("SendKeystrokes", null));
        var nullEvents = await Assert.ThrowsAsync<HubException>(() => player.SendKeystrokesAsync(new KeystrokeBatch { Events = null! }));
        var nullEvent = await Assert.ThrowsAsync<HubException>(() => player.SendKeystrokesAsync(new KeystrokeBatch { Events = [null!] }));
        var nullKey = await Assert.ThrowsAsync<HubException>(() => player.SendKeystrokesAsync(
            new KeystrokeBatch { Events = [new KeyEventDto { Type = "down", Key = null!, Code = "KeyA", TimeStamp = 1 }] }));
        var unknownType = await player.SendKeystrokesAsync(
            new KeystrokeBatch { Events = [new KeyEventDto { Type = "press", Key = "a", Code = "KeyA", TimeStamp = 1 }] });
        var genuine = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));

        Assert.Equal(BatchPrefix + "send { events: [...] } with the key events of one typing of the phrase.", nullBatch.Message);
        Assert.Equal(nullBatch.Message, nullEvents.Message);
        Assert.Equal(BatchPrefix + "event 0 must be an object with type, key, code and timeStamp.", nullEvent.Message);
        Assert.Equal(nullEvent.Message, nullKey.Message);
        Assert.False(unknownType.Usable);
        Assert.Equal("invalid_event", unknownType.Code);
        Assert.True(genuine.Usable, genuine.Message);
        AssertRefusalsLoggedQuietly(mark, "invalid_keystroke_batch", 4);
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task A_null_frame_is_a_hub_error_and_a_jpeg_cut_inside_its_scan_header_is_a_frame_result_with_a_reason(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);
        var mark = app.Factory.Log.Mark();

        var nullFrame = await Assert.ThrowsAsync<HubException>(() => player.InvokeAsync<FrameAccepted>("SendFrame", null));
        var cut = await player.SendFrameAndWaitAsync(FaceImages.Of(Enrollments.Person, 1)[0][..613]);
        var good = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);

        Assert.Equal("An unexpected error occurred invoking 'SendFrame' on the server. HubException: invalid_message: SendFrame needs a value for jpeg.", nullFrame.Message);
        Assert.Equal("image_truncated", cut.Code);
        Assert.Null(good.Code);
        AssertRefusalsLoggedQuietly(mark, "invalid_message", 1);
    }

    private void AssertRefusalsLoggedQuietly(int mark, string code, int count)
    {
        Assert.Empty(app.Factory.Log.ErrorsSince(mark));
        var refusals = app.Factory.Log.Since(mark).Where(e => e.MessageTemplate.Text.StartsWith("Hub {Method} refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, refusals.Count(e => e.Properties["Code"].ToString() == $"\"{code}\""));
        Assert.All(refusals, e => Assert.Equal(LogEventLevel.Information, e.Level));
    }
}
