using System.Collections.Concurrent;
using System.Diagnostics;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Telemetry;

/// <summary>
/// docs/operations.md's trace: each frame from the hub call that brought it (<c>Microsoft.AspNetCore.SignalR.Server</c>)
/// through <c>frame.process</c>, and within it <c>frame.analyse</c> and <c>frame.store</c> (source
/// <c>Verification.Proctoring</c>), one trace per frame.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class TracesTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task Each_frame_is_one_trace_from_the_hub_call_through_analysis_and_store()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Verification.Proctoring" or "Microsoft.AspNetCore.SignalR.Server",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        Guid sessionId;
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            sessionId = player.SessionId;
            foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(2))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            await player.EndAsync();
        }

        // The frame's result reaches the player before its store span ends.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (spans.Count(s => s.OperationName == "frame.store") < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var frames = spans.Where(s => s.OperationName == "frame.process" && Equals(s.GetTagItem("verification.session_id"), sessionId)).ToList();
        Assert.Equal(2, frames.Count);
        foreach (var frame in frames)
        {
            var hubCall = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore.SignalR.Server" && s.SpanId == frame.ParentSpanId);
            Assert.Equal(hubCall.TraceId, frame.TraceId);
            Assert.Single(spans, s => s.OperationName == "frame.analyse" && s.ParentSpanId == frame.SpanId);
            Assert.Single(spans, s => s.OperationName == "frame.store" && s.ParentSpanId == frame.SpanId);
        }

        Assert.NotEqual(frames[0].TraceId, frames[1].TraceId);
    }
}
