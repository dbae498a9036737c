// Chooses the size of the next frame: smaller JPEGs while the connection or the server is slow, larger again once
// several frames in a row came back quickly. Slow means a result took more than half the frame interval, or the
// server shed a frame (it had a newer one waiting before it could analyse the older).

const levels = [
  { width: 640, quality: 0.8 },
  { width: 480, quality: 0.7 },
  { width: 320, quality: 0.6 },
];
const quickFramesBeforeUpgrade = 3;

export class FramePacer {
  #level = 0;
  #quickInARow = 0;
  #sentAt = new Map();

  constructor(intervalMs) {
    this.intervalMs = intervalMs;
  }

  get current() {
    return levels[this.#level];
  }

  sent(frame, at) {
    this.#sentAt.set(frame, at);
  }

  answered(frame) {
    const sentAt = this.#sentAt.get(frame);
    this.#sentAt.delete(frame);
    if (sentAt === undefined) {
      return;
    }
    const elapsed = performance.now() - sentAt;
    if (elapsed > this.intervalMs / 2) {
      this.slower();
    } else if (elapsed < this.intervalMs / 4 && ++this.#quickInARow >= quickFramesBeforeUpgrade) {
      this.#quickInARow = 0;
      this.#level = Math.max(0, this.#level - 1);
    }
  }

  slower() {
    this.#quickInARow = 0;
    this.#level = Math.min(levels.length - 1, this.#level + 1);
  }
}
