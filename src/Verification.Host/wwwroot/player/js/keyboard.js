// Which pledge keyboard to ask for first: Latin when the browser says the keyboard layout puts a Latin letter on the
// A key (a US layout on a Hindi or Arabic page), else the language's own script. The learner can switch either way.
const latinScriptLanguages = new Set(["en", "es"]);

export async function keyboardFor(lang) {
  if (latinScriptLanguages.has(lang) || !navigator.keyboard?.getLayoutMap) {
    return null;
  }
  try {
    const layout = await navigator.keyboard.getLayoutMap();
    const a = layout.get("KeyA");
    return a && /^[a-z]$/i.test(a) ? "latin" : "native";
  } catch {
    return null;
  }
}
