import { keyClassOf } from "./key-classes.js";

// Records the rhythm of the learner's typing in the text answers of an assessment (docs/player-protocol.md,
// SendAnswerTyping). For each key press only its key class (key-classes.js) and its down and up times, in ms from the
// batch's first key-down, leave the browser: never the key, its code or the text. The code pairs a key-up with its
// key-down inside the page and is dropped there. Keys an input method (IME) composes and text without key timings (a
// touch keyboard, paste, dictation) are left out, and end the run of keys so no timing spans them.

export const batchKeys = 50;
const maxWaitingBatches = 20;
const maxHoldMs = 10000;
// Refusals that hold for the rest of the session: nothing more is sent to it, and the learner is not alarmed (their
// other checks go on; a learner whose consent predates answer typing is offered the new text at the next sign-in).
const refusedForSession = new Set(["answer_typing_not_consented", "typing_not_consented", "consent_withdrawn", "session_ended"]);

export class AnswerTypingRecorder {
  #send;
  #keys = [];
  #held = new Map();
  #waiting = [];
  #nextBatch = 1;
  #sending = null;
  #composing = false;
  #keyed = false;
  #refused = false;
  // Bumped by reset(): an answer for a batch of an earlier session must not act on the new one.
  #session = 0;

  // send(batch) sends one batch and resolves when the service has it; a batch it refuses for a while (its database
  // away, the connection down) is sent again with the same number, which the service counts once.
  constructor(send) {
    this.#send = send;
  }

  attach(textarea) {
    textarea.addEventListener("keydown", event => {
      this.#keyed = true;
      this.#down(event);
    });
    textarea.addEventListener("keyup", event => this.#up(event));
    textarea.addEventListener("input", event => {
      if (!this.#keyed && !this.#composing && event.inputType?.startsWith("insert")) {
        this.#cut();
      }
      this.#keyed = false;
    });
    textarea.addEventListener("compositionstart", () => {
      this.#composing = true;
      this.#cut();
    });
    textarea.addEventListener("compositionend", () => {
      this.#composing = false;
    });
    textarea.addEventListener("paste", () => this.#cut());
    textarea.addEventListener("drop", () => this.#cut());
    textarea.addEventListener("blur", () => this.#cut());
  }

  // A new session: nothing of the last one is sent to it.
  reset() {
    this.#keys = [];
    this.#held.clear();
    this.#waiting = [];
    this.#nextBatch = 1;
    this.#refused = false;
    this.#session++;
  }

  // True once the session refused answer typing for good; nothing more is recorded or sent to it.
  get refused() {
    return this.#refused;
  }

  // Sends what was typed so far; call before the answers are submitted.
  async flush() {
    this.#cut();
    await this.#sendWaiting();
  }

  #down(event) {
    if (this.#refused || event.repeat) {
      return;
    }
    if (this.#composing || event.isComposing || event.key === "Process" || event.key === "Unidentified" || event.keyCode === 229) {
      this.#cut();
      return;
    }
    if (this.#held.has(event.code)) {
      return;
    }
    const key = { keyClass: keyClassOf(event.code), down: event.timeStamp, up: null };
    this.#keys.push(key);
    this.#held.set(event.code, key);
  }

  #up(event) {
    const key = this.#held.get(event.code);
    if (!key) {
      return;
    }
    this.#held.delete(event.code);
    key.up = event.timeStamp;
    if (this.#keys.length >= batchKeys && this.#held.size === 0) {
      this.#cut();
    }
  }

  // Closes the current run of keys as one batch; keys still held are left out.
  #cut() {
    const keys = this.#keys.filter(k => k.up !== null && k.up >= k.down && k.up - k.down < maxHoldMs);
    this.#keys = [];
    this.#held.clear();
    for (let start = 0; start < keys.length; start += batchKeys) {
      this.#queue(keys.slice(start, start + batchKeys));
    }
    void this.#sendWaiting();
  }

  #queue(keys) {
    if (this.#refused) {
      return;
    }
    const base = keys[0].down;
    const at = ms => Math.round((ms - base) * 10) / 10;
    this.#waiting.push({ Batch: this.#nextBatch++, Keys: keys.map(k => ({ Class: k.keyClass, Down: at(k.down), Up: at(k.up) })) });
    if (this.#waiting.length > maxWaitingBatches) {
      this.#waiting.shift();
    }
  }

  #sendWaiting() {
    this.#sending ??= this.#drain().finally(() => {
      this.#sending = null;
    });
    return this.#sending;
  }

  async #drain() {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting[0];
      const session = this.#session;
      try {
        const result = await this.#send(batch);
        if (session !== this.#session) {
          continue;
        }
        if (refusedForSession.has(result?.Code)) {
          this.#refused = true;
          this.#waiting = [];
          this.#keys = [];
          this.#held.clear();
          return;
        }
      } catch (error) {
        if (session !== this.#session) {
          continue;
        }
        if (isTransient(error)) {
          return;
        }
      }
      if (this.#waiting[0] === batch) {
        this.#waiting.shift();
      }
    }
  }
}

// The service without its database, or the connection down: the batch waits and goes again with the next one.
function isTransient(error) {
  const message = String(error?.message ?? "");
  return message.includes("database_unavailable") || !message.includes(":");
}
