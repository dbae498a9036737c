using System.Text.Json;
using Microsoft.Playwright;
using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>
/// The player's session scripts (typing-check.js, assessment.js) in Chromium against a service whose answers the test
/// times: a page of the test's own imports them from the Host, with a session object or a SignalR connection that
/// answers when the test says so. What a real hub cannot be made to do on cue: answer after the next prompt, or fail
/// the end once.
/// </summary>
public sealed class SessionScriptRaceTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    private const string TypingCheckPage = """
        <!doctype html><html><body>
        <div id="typing-check" hidden><p id="check-phrase"></p><input id="check-input"><p id="check-error"></p></div>
        <script type="module">
        import { askForTyping } from "./js/typing-check.js";
        const answers = [];
        window.done = [];
        window.pending = () => answers.length;
        window.release = result => answers.shift()(result);
        const session = { sendKeystrokes: () => new Promise(resolve => answers.push(resolve)) };
        window.ask = name => askForTyping(session, "ab", () => window.done.push(name));
        window.ready = true;
        </script></body></html>
        """;

    private const string AssessmentPage = """
        <!doctype html><html><body>
        <script>
        window.calls = { end: 0, stops: 0 };
        class FakeConnection {
          state = "Connected";
          on() {} onreconnecting() {} onreconnected() {} onclose() {}
          async start() {}
          async stop() { window.calls.stops++; }
          async invoke(method) {
            if (method !== "EndSession") throw new Error(`unexpected ${method}`);
            if (++window.calls.end === 1) throw new Error("Cannot send data if the connection is not in the 'Connected' State.");
            return { Verdict: "Verified", Flags: [] };
          }
        }
        class Builder {
          withUrl() { return this; } withHubProtocol() { return this; } withAutomaticReconnect() { return this; }
          configureLogging() { return this; } build() { return new FakeConnection(); }
        }
        window.signalR = { HubConnectionBuilder: Builder, protocols: { msgpack: { MessagePackHubProtocol: class {} } }, LogLevel: { Warning: 3 }, HubConnectionState: { Connected: "Connected" } };
        </script>
        <script type="module">
        import { AssessmentSession } from "./js/assessment.js";
        window.endTwice = async () => {
          const session = new AssessmentSession({ token: "t", video: null, onStatus() {}, onPrompt() {}, onVerdict() {}, onFrameChecked() {} });
          let failure = "";
          try { await session.end(); } catch (error) { failure = error.message; }
          const stopsAfterFailure = window.calls.stops;
          const final = await session.end();
          return { failure, stopsAfterFailure, stops: window.calls.stops, verdict: final.Verdict };
        };
        window.ready = true;
        </script></body></html>
        """;

    [Fact]
    public async Task A_prompt_that_arrives_before_the_answer_to_the_last_typing_stays_on_screen_until_it_is_typed()
    {
        var page = await PageAsync("typing-check-harness.html", TypingCheckPage);
        await page.EvaluateAsync("() => window.ask('first')");
        await TypeAsync(page);
        await page.WaitForFunctionAsync("() => window.pending() === 1");

        // The service's prompt to type again (the typing raised a mismatch) comes before its answer.
        await page.EvaluateAsync("() => window.ask('second')");
        await page.EvaluateAsync("() => window.release({ Usable: true, Accepted: false })");
        await page.WaitForFunctionAsync("() => !document.getElementById('check-input').disabled");
        var afterLateAnswer = (await page.Locator("#typing-check").IsVisibleAsync(), await page.EvaluateAsync<string[]>("() => window.done"));
        await TypeAsync(page);
        await page.WaitForFunctionAsync("() => window.pending() === 1");
        await page.EvaluateAsync("() => window.release({ Usable: true, Accepted: true })");
        await page.WaitForFunctionAsync("() => window.done.length > 0");

        Assert.True(afterLateAnswer.Item1, "the late answer hid the prompt to type again");
        Assert.Empty(afterLateAnswer.Item2);
        Assert.Equal(["second"], await page.EvaluateAsync<string[]>("() => window.done"));
        Assert.True(await page.Locator("#typing-check").IsHiddenAsync());
    }

    [Fact]
    public async Task A_typing_the_session_no_longer_counts_finishes_the_check_instead_of_asking_again()
    {
        var page = await PageAsync("typing-check-harness.html", TypingCheckPage);
        await page.EvaluateAsync("() => window.ask('last')");
        await TypeAsync(page);
        await page.WaitForFunctionAsync("() => window.pending() === 1");

        await page.EvaluateAsync("() => window.release({ Usable: false, Code: 'typing_checks_complete', Message: 'This session has all the typing it needs.' })");
        await page.WaitForFunctionAsync("() => window.done.length > 0");

        Assert.Equal(["last"], await page.EvaluateAsync<string[]>("() => window.done"));
        Assert.True(await page.Locator("#typing-check").IsHiddenAsync());
        Assert.Equal("", await page.Locator("#check-error").InnerTextAsync());
    }

    [Fact]
    public async Task An_end_that_failed_leaves_the_connection_open_so_the_learner_can_submit_again()
    {
        var page = await PageAsync("assessment-harness.html", AssessmentPage);

        var outcome = await page.EvaluateAsync<JsonElement>("() => window.endTwice()");

        Assert.Contains("not in the 'Connected' State", outcome.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, outcome.GetProperty("stopsAfterFailure").GetInt32());
        Assert.Equal((1, "Verified"), (outcome.GetProperty("stops").GetInt32(), outcome.GetProperty("verdict").GetString()));
    }

    private async Task<IPage> PageAsync(string name, string html)
    {
        await fixture.StartAsync();
        var page = await fixture.PageWithoutCameraAsync();
        await page.RouteAsync($"**/player/{name}", route => route.FulfillAsync(new() { Body = html, ContentType = "text/html" }));
        await page.GotoAsync($"/player/{name}");
        await page.WaitForFunctionAsync("() => window.ready === true");
        return page;
    }

    private static async Task TypeAsync(IPage page)
    {
        await page.Locator("#check-input").PressSequentiallyAsync("ab");
        await page.Locator("#check-input").PressAsync("Enter");
    }
}
