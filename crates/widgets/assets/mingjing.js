// Mingjing (明镜) widget loader.
//
// A department page includes this module once and writes custom elements such as
// <mingjing-review site="…" service="…">. This file defines the elements, loads and
// instantiates the WebAssembly once per page however many elements there are, and hands
// each element's shadow root to the Rust side. Module scripts are deferred, so it never
// blocks the host page's rendering, and nothing here throws into the host page.

const BASE = new URL("./", import.meta.url);
const KINDS = ["review", "lookup", "supervisor", "stats", "desk"];
const ATTRIBUTES = ["site", "lang", "theme", "size", "api", "service", "token", "channel", "dept", "today", "idle", "from", "to"];

// Two bundles: "review" holds only the review form, which is all most pages show, and
// "suite" holds every widget. Each is fetched and instantiated at most once per page.
const SUITE_ONLY = "mingjing-lookup, mingjing-supervisor, mingjing-stats, mingjing-desk";
const bundles = new Map();

function bundleFor(kind) {
  if (kind === "review" && !bundles.has("suite") && !document.querySelector(SUITE_ONLY)) return "review";
  return "suite";
}

/** Loads a bundle's glue and wasm on first use; every element awaits the same promise. */
function loadWasm(kind) {
  const dir = bundleFor(kind);
  if (!bundles.has(dir)) {
    bundles.set(
      dir,
      import(new URL(dir + "/mingjing_widgets.js", BASE).href).then(async (glue) => {
        await glue.default({ module_or_path: new URL(dir + "/mingjing_widgets_bg.wasm", BASE) });
        return glue;
      }),
    );
  }
  return bundles.get(dir);
}

function stylesheet(name) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL(name, BASE).href;
  return link;
}

function pageLang() {
  return document.documentElement.getAttribute("lang") || "";
}

class MingjingElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #root = null;
  #container = null;
  #handle = null;
  #pending = false;

  connectedCallback() {
    if (!this.#root) {
      this.#root = this.shadowRoot || this.attachShadow({ mode: "open" });
      // The review form needs only the base sheet; every other widget adds the suite's.
      const sheets = ["mingjing.css"];
      if (this.constructor.kind !== "review") sheets.push("mingjing-suite.css");
      this.#container = document.createElement("div");
      this.#container.className = "mj-mount";
      this.#root.replaceChildren(...sheets.map(stylesheet), this.#container);
    }
    this.#schedule();
  }

  disconnectedCallback() {
    if (this.#handle) {
      try {
        this.#handle.unmount();
      } catch (e) {
        console.error("[mingjing] unmount failed", e);
      }
      this.#handle = null;
    }
  }

  attributeChangedCallback() {
    if (this.#root) this.#schedule();
  }

  /** Collects several attribute changes made in one task into one render. */
  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#render();
    });
  }

  #config() {
    const config = { kind: this.constructor.kind, page_lang: pageLang() };
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) config[name] = value;
    }
    if (!config.api) config.api = BASE.origin;
    return JSON.stringify(config);
  }

  async #render() {
    if (!this.isConnected) return;
    let glue;
    try {
      glue = await loadWasm(this.constructor.kind);
    } catch (e) {
      console.error("[mingjing] could not load the widget bundle from " + BASE.href, e);
      this.#container.textContent = "组件加载失败，请刷新页面重试。 The widget could not be loaded; please reload the page.";
      this.#container.setAttribute("role", "alert");
      this.dispatchEvent(
        new CustomEvent("mingjing:error", { bubbles: true, composed: true, detail: { code: "load_failed" } }),
      );
      return;
    }
    if (!this.isConnected) return;
    try {
      if (this.#handle) {
        this.#handle.update(this.#config());
      } else {
        this.#handle = glue.mount(this, this.#container, this.#config());
      }
    } catch (e) {
      console.error("[mingjing] widget failed", e);
    }
  }
}

for (const kind of KINDS) {
  const name = "mingjing-" + kind;
  if (!customElements.get(name)) {
    customElements.define(name, class extends MingjingElement {
      static kind = kind;
    });
  }
}
