// Runs the player's answer-typing.js under node (node --test): the recorder's session rules, where a browser's timing
// cannot be controlled. AnswerTypingRecorderScriptTests runs this file.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnswerTypingRecorder, batchKeys } from "../../../src/Verification.Host/wwwroot/player/js/answer-typing.js";

function keyEvent(type, code, timeStamp) {
  const event = new Event(type);
  for (const [name, value] of Object.entries({ code, key: code.replace("Key", "").toLowerCase(), repeat: false, isComposing: false, keyCode: 65, timeStamp })) {
    Object.defineProperty(event, name, { value });
  }
  return event;
}

function type(textarea, count, start) {
  for (let i = 0; i < count; i++) {
    const code = i % 2 === 0 ? "KeyA" : "KeyJ";
    textarea.dispatchEvent(keyEvent("keydown", code, start + i * 150));
    textarea.dispatchEvent(keyEvent("keyup", code, start + i * 150 + 90));
  }
}

// A service whose answers the test releases: each send waits until answer() is called for it.
function controlledService() {
  const sent = [];
  const pending = [];
  let session = 1;
  return {
    sent,
    newSession: () => { session++; },
    send: batch => new Promise(resolve => {
      sent.push({ session, batch });
      pending.push(resolve);
    }),
    answer: result => pending.shift()(result),
    settle: () => new Promise(resolve => setTimeout(resolve, 0)),
  };
}

test("a refusal for the session that ended does not stop answer typing in the next one", async () => {
  const service = controlledService();
  const recorder = new AnswerTypingRecorder(service.send);
  const textarea = new EventTarget();
  recorder.attach(textarea);

  type(textarea, batchKeys, 1000);
  assert.equal(service.sent.length, 1, "a full batch is sent as soon as it is typed");

  recorder.reset();
  service.newSession();
  service.answer({ Code: "session_ended" });
  await service.settle();
  assert.equal(recorder.refused, false, "the old session's refusal marked the new session refused");

  type(textarea, 10, 20000);
  const flushed = recorder.flush();
  await service.settle();
  service.answer({ Accepted: true });
  await flushed;
  const last = service.sent.at(-1);
  assert.equal(last.session, 2);
  assert.equal(last.batch.Batch, 1, "the new session's batches are numbered from 1");
  assert.equal(last.batch.Keys.length, 10);
});

test("a refusal for the session under way stops answer typing for it", async () => {
  const service = controlledService();
  const recorder = new AnswerTypingRecorder(service.send);
  const textarea = new EventTarget();
  recorder.attach(textarea);

  type(textarea, batchKeys, 1000);
  service.answer({ Code: "answer_typing_not_consented" });
  await service.settle();
  assert.equal(recorder.refused, true);

  type(textarea, 10, 20000);
  await recorder.flush();
  assert.equal(service.sent.length, 1, "nothing more is sent to a session that refused answer typing");
});
