// The review page behind the `review_url` a department gets when it registers a
// transaction: it shows one review form for the site, service and token in the URL.
const params = new URLSearchParams(location.search);
const form = document.createElement("mingjing-review");
for (const name of ["site", "service", "token", "channel", "lang"]) {
  const value = params.get(name);
  if (value) form.setAttribute(name, value);
}
document.getElementById("review").appendChild(form);
