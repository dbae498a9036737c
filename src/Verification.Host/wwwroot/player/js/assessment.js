import { captureJpeg } from "./camera.js";
import { FramePacer } from "./frame-pacer.js";
import { t } from "./i18n.js";
import { startRetryDelaySeconds } from "./start-retry.js";

// One verification session over /hubs/proctoring with the MessagePack protocol (docs/player-protocol.md). MessagePack
// maps carry PascalCase names. The session outlives a dropped connection: on reconnection it is resumed by id.
export class AssessmentSession {
  #connection;
  #token;
  #video;
  #handlers;
  #sessionId = null;
  #pacer = null;
  #timer = 0;
  #sending = false;
  #ended = false;
  #framesChecked = 0;

  constructor({ token, video, onStatus, onPrompt, onVerdict, onFrameChecked }) {
    this.#token = token;
    this.#video = video;
    this.#handlers = { onStatus, onPrompt, onVerdict, onFrameChecked };
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/proctoring")
      .withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol())
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.#connection.on("FrameResult", result => this.#onFrameResult(result));
    this.#connection.on("VerdictChanged", verdict => this.#handlers.onVerdict(verdict));
    this.#connection.on("Prompt", prompt => this.#handlers.onPrompt(prompt));
    this.#connection.on("FramesShed", () => this.#pacer?.slower());
    this.#connection.on("KeystrokeResult", () => {});
    this.#connection.onreconnecting(() => onStatus(t("connection.reconnecting"), true));
    this.#connection.onreconnected(() => this.#resume());
    this.#connection.onclose(() => {
      if (!this.#ended) {
        onStatus(t("connection.lost"), true);
      }
    });
  }

  get sessionId() {
    return this.#sessionId;
  }

  get connectionId() {
    return this.#connection.connectionId;
  }

  async start() {
    await this.#connection.start();
    const started = await this.#startSession();
    this.#sessionId = started.SessionId;
    this.#pacer = new FramePacer(started.FrameIntervalSeconds * 1000);
    this.#handlers.onStatus(t("session.on"), false);
    this.#scheduleFrame(0);
    return started;
  }

  // A node at capacity or without its database refuses the start for a while: say so, wait its hint and try again.
  async #startSession() {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#connection.invoke("StartSession", this.#token);
      } catch (error) {
        const seconds = startRetryDelaySeconds(error, attempt);
        if (seconds === null) {
          throw error;
        }
        this.#handlers.onStatus(t("session.busy", { seconds }), true);
        await new Promise(resolve => setTimeout(resolve, seconds * 1000));
      }
    }
  }

  // With a fallback reason ("touch_keyboard") instead of events when the keyboard gave no key timings.
  async sendKeystrokes(events, fallback = null) {
    const batch = {
      Events: events.map(e => ({ Type: e.type, Key: e.key, Code: e.code, TimeStamp: e.timeStamp, Repeat: e.repeat })),
      ...(fallback ? { Fallback: fallback } : {}),
    };
    return await this.#connection.invoke("SendKeystrokes", batch);
  }

  // One batch of text-answer typing: { Batch, Keys: [{ Class, Down, Up }] } (answer-typing.js).
  async sendAnswerTyping(batch) {
    return await this.#connection.invoke("SendAnswerTyping", batch);
  }

  // Only an ended session closes the connection: after a failed end (the link was down, the service refused) the
  // session goes on, frames included, and the learner can submit again.
  async end() {
    this.#ended = true;
    clearTimeout(this.#timer);
    let final;
    try {
      final = await this.#connection.invoke("EndSession");
    } catch (error) {
      this.#ended = false;
      if (this.#pacer) {
        this.#scheduleFrame(this.#pacer.intervalMs);
      }
      throw error;
    }
    await this.#connection.stop();
    return final;
  }

  async #resume() {
    try {
      await this.#connection.invoke("ResumeSession", this.#token, this.#sessionId);
      this.#handlers.onStatus(t("connection.reconnected"), false);
    } catch (error) {
      this.#handlers.onStatus(`The identity check could not resume: ${error.message}`, true);
    }
  }

  #scheduleFrame(delayMs) {
    this.#timer = setTimeout(() => this.#sendFrame(), delayMs);
  }

  async #sendFrame() {
    if (this.#ended) {
      return;
    }
    this.#scheduleFrame(this.#pacer.intervalMs);
    if (this.#sending || this.#connection.state !== signalR.HubConnectionState.Connected) {
      // The previous frame is still uploading: the link is slow, so skip this one and send smaller ones.
      this.#pacer.slower();
      return;
    }
    this.#sending = true;
    try {
      const jpeg = await captureJpeg(this.#video, this.#pacer.current);
      const sentAt = performance.now();
      const accepted = await this.#connection.invoke("SendFrame", new Uint8Array(await jpeg.arrayBuffer()));
      if (accepted.Code) {
        this.#pacer.slower();
      } else {
        this.#pacer.sent(accepted.Frame, sentAt);
      }
    } catch (error) {
      this.#handlers.onStatus(`A photo could not be sent: ${error.message}`, true);
    } finally {
      this.#sending = false;
    }
  }

  #onFrameResult(result) {
    this.#pacer?.answered(result.Frame);
    this.#handlers.onFrameChecked(++this.#framesChecked, result);
  }
}
