// The embed builder: reads the form, renders the real element in the preview, and writes
// the snippet a webmaster pastes. No inline scripts or styles anywhere, so the page works
// under `script-src 'self'; style-src 'self'`.

const COLLECTOR = location.origin;
const SITE_RE = /^(?!-)[a-z0-9-]{3,40}$/;
const SERVICE_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Which per-widget fields each widget shows, and where `service` must be given. */
const USES_SERVICE = new Set(["review", "stats", "lookup"]);
const NEEDS_SERVICE = new Set(["review"]);
const USES_CHANNEL = new Set(["review"]);

const HINTS = {
  review:
    "评价表：service 必填。提交的评价会真实保存。 The review form: service is required. Reviews submitted here are really stored.",
  lookup:
    "预留：目前只显示“本组件已就绪”卡片；service 属性为其预留。 Reserved: shows only a “ready” card for now; service is reserved for it.",
  supervisor: "预留：目前只显示“本组件已就绪”卡片。 Reserved: shows only a “ready” card for now.",
  stats:
    "评价结果公开：service 可选，填写后只统计这一个事项。 Published results: service is optional and limits the figures to that one service.",
  desk:
    "部门处理台：工作人员用 mingjing staff add 生成的访问码登录，处理的是真实数据。 The staff desk: staff sign in with an access code from mingjing staff add, and work on real data.",
};

const $ = (id) => document.getElementById(id);

const form = $("builder-form");
const fields = {
  widget: $("b-widget"),
  site: $("b-site"),
  service: $("b-service"),
  lang: $("b-lang"),
  theme: $("b-theme"),
  size: $("b-size"),
  channel: $("b-channel"),
};
const serviceField = $("b-service-field");
const channelField = $("b-channel-field");
const preview = $("preview");
const code = $("b-code");
const copyButton = $("b-copy");
const status = $("b-status");

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value) {
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** The chosen attributes in snippet order; defaults that change nothing are left out. */
function chosen() {
  const widget = fields.widget.value;
  const attributes = [["site", fields.site.value.trim()]];
  if (USES_SERVICE.has(widget)) {
    const service = fields.service.value.trim();
    if (service) attributes.push(["service", service]);
  }
  attributes.push(["lang", fields.lang.value]);
  if (fields.theme.value !== "light") attributes.push(["theme", fields.theme.value]);
  if (fields.size.value !== "normal") attributes.push(["size", fields.size.value]);
  if (USES_CHANNEL.has(widget) && fields.channel.value) {
    attributes.push(["channel", fields.channel.value]);
  }
  return { tag: "mingjing-" + widget, attributes };
}

function snippet({ tag, attributes }) {
  const list = attributes.map(([name, value]) => `${name}="${attr(value)}"`).join(" ");
  return (
    `<script type="module" src="${COLLECTOR}/widgets/mingjing.js"></script>\n` +
    `<${tag} ${list}></${tag}>`
  );
}

function csp() {
  return (
    `script-src 'self' ${COLLECTOR} 'wasm-unsafe-eval';\n` +
    `style-src 'self' ${COLLECTOR};\n` +
    `connect-src ${COLLECTOR};\n` +
    `img-src 'self' ${COLLECTOR} data:`
  );
}

/** Shows or clears a field's own error, next to it. */
function check(input, ok, message) {
  const error = $(input.id + "-error");
  input.setAttribute("aria-invalid", ok ? "false" : "true");
  if (error) error.textContent = ok ? "" : message;
}

function validate() {
  const site = fields.site.value.trim();
  check(
    fields.site,
    SITE_RE.test(site),
    "站点编号应为 3–40 个小写字母、数字或 -，且不以 - 开头。 The site id must be 3–40 lower-case letters, digits or -, not starting with -.",
  );
  const widget = fields.widget.value;
  if (USES_SERVICE.has(widget)) {
    const service = fields.service.value.trim();
    // Optional for stats (and the reserved lookup): empty is fine, anything else must be a code.
    const ok = service === "" ? !NEEDS_SERVICE.has(widget) : SERVICE_RE.test(service);
    check(
      fields.service,
      ok,
      NEEDS_SERVICE.has(widget)
        ? "评价表必须填写事项编码：1–64 个字母、数字、.、- 或 _。 The review form needs a service code: 1–64 letters, digits, ., - or _."
        : "事项编码应为 1–64 个字母、数字、.、- 或 _，或留空。 The service code must be 1–64 letters, digits, ., - or _, or empty.",
    );
  } else {
    check(fields.service, true, "");
  }
}

/** The attributes the builder manages on the previewed element. */
const MANAGED = ["site", "service", "lang", "theme", "size", "channel"];

/**
 * Shows the chosen widget: a fresh element when the widget changes, otherwise the same
 * element with its attributes brought up to date (the loader re-renders it, keeping what
 * has been typed into the form).
 */
function renderPreview(choice) {
  let element = preview.firstElementChild;
  if (!element || element.localName !== choice.tag) {
    element = document.createElement(choice.tag);
    preview.replaceChildren(element);
  }
  const wanted = new Map(choice.attributes);
  for (const name of MANAGED) {
    if (wanted.has(name)) {
      if (element.getAttribute(name) !== wanted.get(name)) element.setAttribute(name, wanted.get(name));
    } else if (element.hasAttribute(name)) {
      element.removeAttribute(name);
    }
  }
}

let previewTimer = 0;

function update(delay = 0) {
  const widget = fields.widget.value;
  serviceField.hidden = !USES_SERVICE.has(widget);
  channelField.hidden = !USES_CHANNEL.has(widget);
  $("b-widget-hint").textContent = HINTS[widget] || "";
  validate();
  const choice = chosen();
  code.value = snippet(choice);
  status.textContent = "";
  // Typing in a text box updates the preview once the typing pauses.
  clearTimeout(previewTimer);
  if (delay) {
    previewTimer = setTimeout(() => renderPreview(choice), delay);
  } else {
    renderPreview(choice);
  }
}

async function copy() {
  const text = code.value;
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    status.textContent = "已复制 Copied";
  } catch {
    // Without the clipboard API (for example on a plain-http page), select the code so
    // that Ctrl+C / ⌘C copies it.
    code.focus();
    code.select();
    code.setSelectionRange(0, text.length);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    status.textContent = copied
      ? "已复制 Copied"
      : "已选中代码，请按 Ctrl+C 复制 Selected: press Ctrl+C to copy";
  }
}

form.addEventListener("input", (event) => update(event.target instanceof HTMLInputElement ? 400 : 0));
form.addEventListener("change", () => update());
form.addEventListener("submit", (event) => event.preventDefault());
copyButton.addEventListener("click", copy);
$("b-csp").textContent = csp();
update();
