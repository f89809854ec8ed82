// dangvu's own behaviour in the browser: little, since htmx does the rest. Every page works without it.

// Enter in a lookup's search box (core/lookup.py) searches at once. Left to the browser, it would send the
// whole form, half filled, and save it if it happened to be valid. An input method still composing a
// Vietnamese letter keeps its Enter.
document.addEventListener("keydown", (event) => {
  const box = event.target;
  if (event.key !== "Enter" || event.isComposing || !box.classList || !box.classList.contains("lookup-q")) {
    return;
  }
  event.preventDefault();
  if (window.htmx) {
    window.htmx.trigger(box, "search");
  }
});

// On a phone the main navigation scrolls sideways: bring the section the page is in into view.
const current = document.querySelector(".mainnav [aria-current='page']");
if (current) {
  const nav = current.parentElement;
  nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
}
