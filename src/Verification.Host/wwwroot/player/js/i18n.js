// The player's language: resource files under /player/locales/, chosen from the learner's switch (kept in
// localStorage), else from the browser's languages, else English. Arabic turns the page right-to-left.

export const languages = ["en", "zh-CN", "hi", "ar", "es"];
const rightToLeft = new Set(["ar"]);
const storageKey = "verification.player.language";
let current = "en";
let strings = {};
let english = {};

export function language() {
  return current;
}

/// The supported language closest to a BCP 47 tag: exact match, then the primary subtag (zh-TW is not zh-CN's script,
/// so only zh-CN, zh-Hans and zh-SG take Simplified Chinese).
export function closestLanguage(tag) {
  if (!tag) {
    return null;
  }
  const lower = tag.toLowerCase();
  const exact = languages.find(l => l.toLowerCase() === lower);
  if (exact) {
    return exact;
  }
  const primary = lower.split("-")[0];
  if (primary === "zh") {
    return /^zh(-hans|-cn|-sg)?(-|$)/.test(lower) ? "zh-CN" : null;
  }
  return languages.find(l => l.split("-")[0] === primary) ?? null;
}

export function preferredLanguage() {
  const saved = closestLanguage(localStorage.getItem(storageKey));
  if (saved) {
    return saved;
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = closestLanguage(tag);
    if (match) {
      return match;
    }
  }
  return "en";
}

async function load(lang) {
  const response = await fetch(`locales/${lang}.json`);
  if (!response.ok) {
    throw new Error(`The ${lang} texts could not be loaded.`);
  }
  return await response.json();
}

let switches = 0;

/// Loads and applies a language; false when a later call overtook this one while it loaded (the later one applies).
export async function setLanguage(lang, { remember = false } = {}) {
  const switched = ++switches;
  english = Object.keys(english).length ? english : await load("en");
  const loaded = lang === "en" ? english : await load(lang);
  if (switched !== switches) {
    return false;
  }
  strings = loaded;
  current = lang;
  if (remember) {
    localStorage.setItem(storageKey, lang);
  }
  document.documentElement.lang = lang;
  document.documentElement.dir = rightToLeft.has(lang) ? "rtl" : "ltr";
  translatePage();
  return true;
}

/// The text for a key in the current language (English when missing), with {name} placeholders filled in.
export function t(key, values = {}) {
  const template = strings[key] ?? english[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/// The text for a code the service answered with (`prefix.code`) in the current language, else the service's own sentence.
export function tCode(prefix, code, fallback) {
  const key = `${prefix}.${code}`;
  return code && (key in strings || key in english) ? t(key) : fallback;
}

/// Fills every element marked data-i18n (text) and data-i18n-label (aria-label) from the resource file.
export function translatePage(root = document) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel));
  }
}
