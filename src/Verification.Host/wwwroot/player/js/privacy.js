import { api } from "./api.js";
import { setText } from "./screens.js";

// The privacy panel's export and erasure. Erasure asks for a second click instead of a dialog, so the question stays
// in the page where keyboard and screen-reader users already are.
export function enablePrivacy(getToken) {
  const exportButton = document.getElementById("privacy-export");
  const eraseButton = document.getElementById("privacy-erase");
  const download = document.getElementById("privacy-download");
  const archiveButton = document.getElementById("privacy-archive");
  const archiveDownload = document.getElementById("privacy-archive-download");
  document.getElementById("privacy-signed-out").hidden = true;
  exportButton.disabled = false;
  eraseButton.disabled = false;
  archiveButton.disabled = false;
  let confirming = false;

  exportButton.onclick = async () => {
    try {
      const data = await api.exportData(getToken());
      if (download.href) {
        URL.revokeObjectURL(download.href);
      }
      download.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      download.hidden = false;
      setText("privacy-result", `Your export is ready: ${data.consents?.length ?? 0} consent records, ${data.sessions?.length ?? 0} assessment checks.`);
    } catch (error) {
      setText("privacy-result", `The export failed: ${error.message}`);
    }
  };

  archiveButton.onclick = async () => {
    try {
      const archive = await api.exportArchive(getToken());
      if (archiveDownload.href) {
        URL.revokeObjectURL(archiveDownload.href);
      }
      archiveDownload.href = URL.createObjectURL(archive);
      archiveDownload.hidden = false;
      setText("privacy-result", "Your archive is ready: everything we hold about you, with your own images.");
    } catch (error) {
      setText("privacy-result", `The export failed: ${error.message}`);
    }
  };

  eraseButton.onclick = async () => {
    if (!confirming) {
      confirming = true;
      eraseButton.textContent = "Yes, delete my identity data";
      setText("privacy-result", "This deletes your face and typing profile, your ID photo and your photos from assessments, and withdraws your consent. Click again to confirm.");
      return;
    }
    confirming = false;
    eraseButton.textContent = "Delete my identity data";
    try {
      const result = await api.eraseData(getToken());
      setText("privacy-result", result.summary);
    } catch (error) {
      setText("privacy-result", `The deletion failed: ${error.message}`);
    }
  };
}
