// Records one typing of the phrase in an input: every key-down and key-up with KeyboardEvent.timeStamp, key, code and
// repeat, ending at Enter once every other key is released (docs/player-protocol.md, SendKeystrokes).
// Keys an input method editor (IME) composes are left out: their times are the IME's, not the learner's rhythm. A typing
// that went through composition is not sent at all; onComposition tells the learner why, and nothing counts against them.

const releaseWaitMs = 400;

export class KeystrokeRecorder {
  #input;
  #onSample;
  #onComposition;
  #events = [];
  #pressed = new Set();
  #submitting = false;
  #composed = false;
  #composing = false;
  #timer = 0;

  constructor(input, onSample, onComposition = () => {}) {
    this.#input = input;
    this.#onSample = onSample;
    this.#onComposition = onComposition;
    input.addEventListener("keydown", event => this.#record("down", event));
    input.addEventListener("keyup", event => this.#record("up", event));
    input.addEventListener("compositionstart", () => {
      this.#composing = true;
      this.#composed = true;
      this.#input.dataset.composed = "true";
    });
    input.addEventListener("compositionend", () => {
      this.#composing = false;
    });
    // Pasted or dropped text has no rhythm to measure.
    input.addEventListener("paste", event => event.preventDefault());
    input.addEventListener("drop", event => event.preventDefault());
  }

  reset() {
    clearTimeout(this.#timer);
    this.#events = [];
    this.#pressed.clear();
    this.#submitting = false;
    this.#composed = false;
    this.#composing = false;
    delete this.#input.dataset.composed;
    this.#input.value = "";
  }

  #isComposition(event) {
    return this.#composing || event.isComposing || event.key === "Process" || event.keyCode === 229;
  }

  #record(type, event) {
    if (this.#isComposition(event)) {
      // The Enter that commits a composition is the IME's, not the end of the typing.
      this.#composed = true;
      this.#input.dataset.composed = "true";
      return;
    }
    if (type === "down" && event.key === "Enter") {
      event.preventDefault();
    }
    if (this.#submitting && type === "down" && event.key !== "Enter") {
      return;
    }
    this.#events.push({ type, key: event.key, code: event.code, timeStamp: event.timeStamp, repeat: event.repeat });
    const id = event.code || event.key.toUpperCase();
    if (type === "down") {
      this.#pressed.add(id);
    } else {
      this.#pressed.delete(id);
    }
    if (type === "down" && event.key === "Enter" && !this.#submitting) {
      this.#submitting = true;
      this.#timer = setTimeout(() => this.#finish(), releaseWaitMs);
    }
    if (this.#submitting && this.#pressed.size === 0) {
      this.#finish();
    }
  }

  #finish() {
    clearTimeout(this.#timer);
    if (!this.#submitting) {
      return;
    }
    const events = this.#events;
    const composed = this.#composed;
    this.reset();
    if (composed) {
      this.#onComposition();
      return;
    }
    this.#onSample(events);
  }
}
