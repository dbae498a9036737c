// The webcam: open it, show it, and grab JPEG frames of a chosen width and quality.

import { t } from "./i18n.js";

export class CameraUnavailable extends Error {
  constructor(reason) {
    super(reason);
    this.name = "CameraUnavailable";
  }
}

export async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraUnavailable(t("camera.unsupported"));
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
  } catch (error) {
    const refused = error?.name === "NotAllowedError" || error?.name === "SecurityError";
    throw new CameraUnavailable(t(refused ? "camera.refused" : "camera.missing"));
  }
}

export async function attach(video, stream) {
  video.srcObject = stream;
  await video.play().catch(() => {});
  if (video.readyState < 2) {
    await new Promise(resolve => video.addEventListener("loadeddata", resolve, { once: true }));
  }
}

export function stopCamera(stream) {
  for (const track of stream?.getTracks() ?? []) {
    track.stop();
  }
}

const canvas = document.createElement("canvas");

export function captureJpeg(video, { width = 640, quality = 0.85 } = {}) {
  const scale = Math.min(1, width / video.videoWidth);
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error(t("camera.encode")))), "image/jpeg", quality));
}
