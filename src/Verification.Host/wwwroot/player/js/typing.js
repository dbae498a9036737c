// Records one typing of the phrase in an input: every key-down and key-up with KeyboardEvent.timeStamp, key, code and
// repeat, ending at Enter once every other key is released (docs/player-protocol.md, SendKeystrokes).

const releaseWaitMs = 400;

export class KeystrokeRecorder {
  #input;
  #onSample;
  #events = [];
  #pressed = new Set();
  #submitting = false;
  #timer = 0;

  constructor(input, onSample) {
    this.#input = input;
    this.#onSample = onSample;
    input.addEventListener("keydown", event => this.#record("down", event));
    input.addEventListener("keyup", event => this.#record("up", event));
    // Pasted or dropped text has no rhythm to measure.
    input.addEventListener("paste", event => event.preventDefault());
    input.addEventListener("drop", event => event.preventDefault());
  }

  reset() {
    clearTimeout(this.#timer);
    this.#events = [];
    this.#pressed.clear();
    this.#submitting = false;
    this.#input.value = "";
  }

  #record(type, event) {
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
    this.reset();
    this.#onSample(events);
  }
}
