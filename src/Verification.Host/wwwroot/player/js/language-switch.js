import { closestLanguage, languages, preferredLanguage, setLanguage } from "./i18n.js";

// The language of a learner page other than the player: ?lang=, else the learner's choice saved by any player page,
// else the browser's; the header's switch changes it. onChange writes again what the script wrote in the old language.
export async function startLanguageSwitch(onChange = () => {}) {
  const select = document.getElementById("language-select");
  const wanted = closestLanguage(new URLSearchParams(location.search).get("lang")) ?? preferredLanguage();
  // A page whose texts could not be loaded still works, in the English it was written in: a failed fetch here must not
  // stop the page's script before it has bound its forms.
  try {
    await setLanguage(wanted);
  } catch (error) {
    console.warn(error.message);
  }
  for (const lang of languages) {
    const names = await languageNames(lang);
    const option = new Option(names["language.name"] ?? lang, lang, false, lang === wanted);
    option.lang = lang;
    select.append(option);
  }
  select.onchange = async () => {
    if (await setLanguage(select.value, { remember: true })) {
      await onChange();
    }
  };
}

async function languageNames(lang) {
  try {
    const response = await fetch(`locales/${lang}.json`);
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}
