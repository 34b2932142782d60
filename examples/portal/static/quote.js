// The live quote: while the user edits the job form, ask the portal what the job would cost and
// what the site's policy says about it, and show the server's (escaped) answer in #quote.
const form = document.getElementById('job-form');
const out = document.getElementById('quote');
let timer;
let asked = 0;
async function quote() {
  const mine = ++asked;
  const res = await fetch('/jobs/quote', {
    method: 'POST',
    body: new URLSearchParams(new FormData(form)),
    credentials: 'same-origin',
  });
  // An older answer arriving after a newer one is dropped; the newest one ends the busy state.
  if (mine !== asked) return;
  out.innerHTML = await res.text();
  out.setAttribute('aria-busy', 'false');
}
form.addEventListener('input', () => {
  // Busy from the first keystroke: what #quote shows is for the form as it was.
  out.setAttribute('aria-busy', 'true');
  clearTimeout(timer);
  timer = setTimeout(quote, 250);
});
out.setAttribute('aria-busy', 'true');
quote();
