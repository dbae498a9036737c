using System.Buffers;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MessagePack;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.Hub;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Fuzzing;

/// <summary>
/// The hub's messages through the real SignalR protocols (JSON and MessagePack). Every player message survives a
/// round trip; a <c>SendKeystrokes</c> invocation cut short, bit-flipped or with bytes spliced in is either refused by
/// the protocol with one of its documented exceptions (SignalR then closes that connection only) or parsed, and a
/// parsed batch goes through the hub's batch reader and the keystroke reader without any other exception.
/// </summary>
public sealed class HubMessageFuzzTests
{
    private static readonly IHubProtocol[] Protocols = [new JsonHubProtocol(), new MessagePackHubProtocol()];

    private static readonly Type[] ProtocolFailures =
        [typeof(InvalidDataException), typeof(JsonException), typeof(MessagePackSerializationException), typeof(EndOfStreamException), typeof(FormatException)];

    private static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.Elements("down", "up", "a", "KeyA", "Shift", ".", "")),
        (2, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)),
        (1, Gen.Elements("\0", "\ud800", "é", new string('x', 300))));

    private static readonly Gen<double> Time = Gen.Frequency(
        (8, Gen.Choose(0, 100_000).Select(i => i / 10.0)),
        (1, Gen.Elements(double.MaxValue, double.Epsilon, -1.0, 1e300)));

    [Fact]
    public void Every_player_message_survives_a_round_trip_through_both_protocols() =>
        FuzzRun.Check(Messages(), message =>
        {
            foreach (var protocol in Protocols)
            {
                var parsed = RoundTrip(protocol, new InvocationMessage(message.GetType().Name, [message]), new PlayerBinder(message.GetType()));
                var invocation = Assert.IsType<InvocationMessage>(parsed);
                Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(invocation.Arguments[0], message.GetType()));
            }
        }, ciExecutions: 2_000);

    [Fact]
    public void A_mangled_send_keystrokes_message_is_refused_by_the_protocol_or_read_without_any_other_exception() =>
        FuzzRun.Check(Mangled(), mangled =>
        {
            var protocol = Protocols[mangled.Protocol];
            var buffer = new ReadOnlySequence<byte>(mangled.Bytes);
            HubMessage? message;
            try
            {
                if (!protocol.TryParseMessage(ref buffer, new ServerBinder(), out message))
                {
                    return;
                }
            }
            catch (Exception ex) when (ProtocolFailures.Contains(ex.GetType()) || IsInvalidUtf8(ex))
            {
                return;
            }

            if (message is InvocationMessage { Target: "SendKeystrokes", Arguments: [var argument] })
            {
                RawKeyEvent[] events;
                try
                {
                    events = KeystrokeBatchReader.Read(argument as KeystrokeBatch);
                }
                catch (HubException refusal)
                {
                    Assert.StartsWith(KeystrokeBatchReader.InvalidBatch + ": ", refusal.Message, StringComparison.Ordinal);
                    return;
                }

                KeystrokeSampleReader.Read("I, Ada Learner, certify that the work I submit is my own", events);
            }
        }, ciExecutions: 5_000);

    // Found by this run: JsonHubProtocol reads a target name that is not UTF-8 with Utf8JsonReader.GetString, which
    // throws InvalidOperationException; SignalR closes that connection, as for any unreadable message.
    private static bool IsInvalidUtf8(Exception ex) => ex is InvalidOperationException { InnerException: System.Text.DecoderFallbackException };

    private static Gen<object> Messages()
    {
        var keyEvent = from type in Text from key in Text from code in Text from time in Time from repeat in ArbMap.Default.GeneratorFor<bool>()
                       select new KeyEventDto { Type = type, Key = key, Code = code, TimeStamp = time, Repeat = repeat };
        var batch = Gen.ArrayOf(keyEvent).Select(events => (object)new KeystrokeBatch { Events = events });
        var frameResult = from frame in Gen.Choose(0, 10_000) from faces in Gen.Choose(0, 32) from score in Time from code in Text from flags in Gen.ArrayOf(Text)
                          select (object)new FrameResult { SessionId = Guid.CreateVersion7(), Frame = frame, FacesFound = faces, MatchScore = score, Code = code, Flags = flags, Verdict = code };
        var flag = from kind in Text from rule in Text from frames in Gen.ArrayOf(Gen.Choose(0, 1000)) from scores in Gen.ArrayOf(Time)
                   select new FlagDto { Kind = kind, Rule = rule, Frames = frames, Scores = scores };
        var verdict = from text in Text from flags in Gen.ArrayOf(flag) from final in ArbMap.Default.GeneratorFor<bool>()
                      select (object)new VerdictChanged { SessionId = Guid.CreateVersion7(), Verdict = text, Priority = text, Flags = flags, Final = final };
        var keystrokeResult = from check in Gen.Choose(0, 100) from code in Text from p in Time
                              select (object)new KeystrokeResult { SessionId = Guid.CreateVersion7(), Check = check, Code = code, Message = code, GenuineProbability = p, Verdict = code };
        var prompt = from code in Text select (object)new Prompt { SessionId = Guid.CreateVersion7(), Code = code, Message = code };
        var shed = from dropped in Gen.Choose(0, 100) from rule in Text select (object)new FramesShed { SessionId = Guid.CreateVersion7(), Dropped = dropped, TotalDropped = dropped, Rule = rule };
        var started = from phrase in Text select (object)new SessionStarted { SessionId = Guid.CreateVersion7(), FrameIntervalSeconds = 5, TypingPhrase = phrase, Verdict = phrase };
        var accepted = from frame in Gen.Choose(0, 1000) from code in Text select (object)new FrameAccepted { Frame = frame, Code = code, Message = code };
        var answerKey = from keyClass in Gen.Choose(-2, 6) from down in Time from up in Time select new AnswerKeyDto { Class = keyClass, Down = down, Up = up };
        var answers = from number in Gen.Choose(-1, 3000) from keys in Gen.ArrayOf(answerKey) select (object)new AnswerTypingBatch { Batch = number, Keys = keys };
        var answersResult = from number in Gen.Choose(0, 3000) from code in Text from recorded in ArbMap.Default.GeneratorFor<bool>()
                            select (object)new AnswerTypingResult { SessionId = Guid.CreateVersion7(), Batch = number, Recorded = recorded, KeyPresses = number, Code = code, Message = code, Verdict = code };
        return Gen.OneOf(batch, frameResult, verdict, keystrokeResult, prompt, shed, started, accepted, answers, answersResult);
    }

    private static Gen<MangledMessage> Mangled() =>
        from protocol in Gen.Choose(0, Protocols.Length - 1)
        from message in Messages().Where(m => m is KeystrokeBatch)
        from cut in Gen.Choose(0, 100)
        from flips in Gen.ArrayOf(Gen.Choose(0, int.MaxValue - 1), 4)
        from splice in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
        select new MangledMessage(protocol, Mangle(Write(Protocols[protocol], new InvocationMessage("1", "SendKeystrokes", [message])), cut, flips, splice));

    private static byte[] Mangle(byte[] bytes, int cut, int[] flips, byte[] splice)
    {
        var data = bytes.ToList();
        foreach (var flip in flips.Take(1 + (cut % 4)))
        {
            data[flip % data.Count] ^= (byte)(1 << (flip % 8));
        }

        if (splice.Length > 0)
        {
            data.InsertRange(flips[0] % data.Count, splice);
        }

        // One time in four the message is also cut short.
        return cut < 25 ? [.. data.Take(Math.Max(1, data.Count * cut / 25))] : [.. data];
    }

    private static byte[] Write(IHubProtocol protocol, HubMessage message) => protocol.GetMessageBytes(message).ToArray();

    private static HubMessage? RoundTrip(IHubProtocol protocol, HubMessage message, IInvocationBinder binder)
    {
        var buffer = new ReadOnlySequence<byte>(Write(protocol, message));
        Assert.True(protocol.TryParseMessage(ref buffer, binder, out var parsed));
        return parsed;
    }

    private sealed record MangledMessage(int Protocol, byte[] Bytes)
    {
        public override string ToString() => $"{Protocols[Protocol].Name}: {Convert.ToHexString(Bytes)}";
    }

    /// <summary>What the server knows when it parses a message: the hub's method signatures.</summary>
    private sealed class ServerBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            typeof(ProctoringHub).GetMethod(methodName)?.GetParameters().Select(p => p.ParameterType).ToArray()
            ?? throw new HubException($"Method {methodName} does not exist.");

        public Type GetReturnType(string invocationId) => throw new InvalidOperationException("The server receives no completions.");

        public Type GetStreamItemType(string streamId) => typeof(byte[]);
    }

    /// <summary>What a player knows: the type of the message it listens for.</summary>
    private sealed class PlayerBinder(Type type) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [type];

        public Type GetReturnType(string invocationId) => type;

        public Type GetStreamItemType(string streamId) => type;
    }
}
