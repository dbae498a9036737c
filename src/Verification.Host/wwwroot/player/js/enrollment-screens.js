// The consent, alternatives and enrollment screens are one file (enrollment-screens.html) that the course player and
// its LTI page both show: fetched from this origin (the CSP's connect-src) and put in place of the page's
// <template id="enrollment-screens">, before the page's language fills their data-i18n texts.
export async function insertEnrollmentScreens() {
  const response = await fetch("enrollment-screens.html");
  if (!response.ok) {
    throw new Error(`The enrollment screens could not be loaded (${response.status}).`);
  }
  const parsed = document.createElement("template");
  parsed.innerHTML = await response.text();
  document.getElementById("enrollment-screens").replaceWith(parsed.content);
}
