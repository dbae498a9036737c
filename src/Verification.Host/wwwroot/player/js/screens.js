// One screen visible at a time; moving focus to its heading tells screen-reader users where they are.
export function show(name) {
  for (const screen of document.querySelectorAll(".screen")) {
    screen.hidden = screen.id !== `screen-${name}`;
  }
  const heading = document.querySelector(`#screen-${name} h1`);
  heading?.focus();
}

export function setText(id, text, className) {
  const element = document.getElementById(id);
  element.textContent = text ?? "";
  if (className !== undefined) {
    element.className = element.className.split(" ").filter(c => !["good", "bad", "attention"].includes(c)).concat(className ? [className] : []).join(" ");
  }
}
