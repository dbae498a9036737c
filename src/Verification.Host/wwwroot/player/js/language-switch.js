import { closestLanguage, languages, preferredLanguage, setLanguage } from "./i18n.js";

// The language of a learner page other than the player: ?lang=, else the learner's choice saved by any player page,
// else the browser's; the header's switch changes it. onChange writes again what the script wrote in the old language.
export async function startLanguageSwitch(onChange = () => {}) {
  const select = document.getElementById("language-select");
  const wanted = closestLanguage(new URLSearchParams(location.search).get("lang")) ?? preferredLanguage();
  await setLanguage(wanted);
  for (const lang of languages) {
    const names = await (await fetch(`locales/${lang}.json`)).json();
    const option = new Option(names["language.name"], lang, false, lang === wanted);
    option.lang = lang;
    select.append(option);
  }
  select.onchange = async () => {
    await setLanguage(select.value, { remember: true });
    await onChange();
  };
}
