// The review page behind the `review_url` a department gets when it registers a
// transaction: it shows one review form for the site, service and token in the URL.
//
// The token comes in the fragment (`#token=…`), which browsers never send, so it stays out
// of server and proxy logs and out of the Referer. Links made before that carry it in the
// query string (`?token=…`); they still work, and the token is moved out of the address
// bar's query string into its fragment at once, so a reload or a shared link does not
// send it again.
const params = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get("token") || params.get("token");
if (params.has("token")) {
  params.delete("token");
  fragment.set("token", token);
  const query = params.toString();
  history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + "#" + fragment);
}
const form = document.createElement("mingjing-review");
for (const name of ["site", "service", "channel", "lang"]) {
  const value = params.get(name);
  if (value) form.setAttribute(name, value);
}
if (token) form.setAttribute("token", token);
document.getElementById("review").appendChild(form);
