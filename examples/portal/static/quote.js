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
  // An older answer arriving after a newer one is dropped.
  if (mine === asked) out.innerHTML = await res.text();
}
form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(quote, 250);
});
quote();
