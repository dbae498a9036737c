import { api } from "./api.js";
import { t } from "./i18n.js";
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
  // The label's key follows the state, so a language switch between the two clicks writes the question again, never
  // "Delete" over a button that deletes at the next click.
  const labelErase = key => {
    eraseButton.dataset.i18n = key;
    eraseButton.textContent = t(key);
  };

  exportButton.onclick = async () => {
    try {
      const data = await api.exportData(getToken());
      if (download.href) {
        URL.revokeObjectURL(download.href);
      }
      download.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      download.hidden = false;
      setText("privacy-result", t("privacy.exportReady", { consents: data.consents?.length ?? 0, sessions: data.sessions?.length ?? 0 }));
    } catch (error) {
      setText("privacy-result", t("privacy.exportFailed", { error: error.message }));
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
      setText("privacy-result", t("privacy.archiveReady"));
    } catch (error) {
      setText("privacy-result", t("privacy.exportFailed", { error: error.message }));
    }
  };

  eraseButton.onclick = async () => {
    if (!confirming) {
      confirming = true;
      labelErase("privacy.eraseConfirm");
      setText("privacy-result", t("privacy.eraseWarning"));
      return;
    }
    confirming = false;
    labelErase("privacy.erase");
    try {
      const result = await api.eraseData(getToken());
      const kept = result.keptForOpenReviews?.length ?? 0;
      setText("privacy-result", kept ? `${t("privacy.erased")} ${t("privacy.erasedKept", { count: kept })}` : t("privacy.erased"));
    } catch (error) {
      setText("privacy-result", t("privacy.eraseFailed", { error: error.message }));
    }
  };
}
