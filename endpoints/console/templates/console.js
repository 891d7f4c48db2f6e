// mockidp web console: every change is a same-origin JSON request to the
// control API (which refuses other origins and other media types); the
// page then reloads to show the new state.
"use strict";

function toast(text, bad) {
  const t = document.getElementById("toast");
  if (!t) return;
  t.textContent = text;
  t.className = bad ? "bad" : "";
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, bad ? 8000 : 3000);
}

// call sends one control-API request and says what came of it.
async function call(spec, body) {
  const [method, path] = spec.split(" ");
  const init = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const resp = await fetch(path, init);
  const text = await resp.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!resp.ok) {
    const why = data && (data.detail || data.error_description || data.error) || resp.status + " " + resp.statusText;
    throw new Error(why);
  }
  return data;
}

// outcome words a successful answer for the toast.
function outcome(data) {
  if (!data) return "Done.";
  if (data.changed) return data.changed;
  if (data.now) return "The mock clock now reads " + data.now.replace("T", " ").slice(0, 19) + " UTC.";
  if (data.state && data.user_code) return "Code " + data.user_code + " " + data.state + ".";
  if (data.removed !== undefined) return "Removed " + data.removed + ".";
  if (data.changes || data.scenarios) {
    const parts = (data.changes || []).concat((data.scenarios || []).map(s => "scenario " + (s.name || s.id) + " added"));
    return parts.join("; ") || "Applied.";
  }
  return "Done.";
}

// bodyOf builds a request body from a form, by its data-shape.
function bodyOf(form, submitter) {
  const shape = form.dataset.shape;
  const body = {};
  for (const el of form.elements) {
    if (!el.name || el.type === "submit" || el.tagName === "BUTTON") continue;
    const kind = el.dataset.kind;
    if (kind === "bool") { body[el.name] = el.checked; continue; }
    const v = el.value.trim();
    if (v === "") continue;
    body[el.name] = kind === "number" ? Number(v) : v;
  }
  if (shape === "device") body.deny = submitter && submitter.value === "deny";
  return body;
}

async function run(el, spec, body) {
  if (el.dataset.confirm && !window.confirm(el.dataset.confirm)) return;
  const buttons = el.tagName === "FORM" ? el.querySelectorAll("button") : [el];
  buttons.forEach(b => { b.disabled = true; });
  try {
    const data = await call(spec, body);
    sessionStorage.setItem("mockidp-toast", outcome(data));
    location.reload();
  } catch (err) {
    toast(err.message, true);
    buttons.forEach(b => { b.disabled = false; });
  }
}

document.addEventListener("click", ev => {
  const b = ev.target.closest("button[data-api]");
  if (b) {
    ev.preventDefault();
    const body = b.dataset.shape === "realtime" ? { set: new Date().toISOString() }
      : b.dataset.body ? JSON.parse(b.dataset.body) : undefined;
    run(b, b.dataset.api, body);
    return;
  }
  const t = ev.target.closest("button[data-token]");
  if (t) {
    ev.preventDefault();
    document.getElementById("token-input").value = t.dataset.token;
    decode();
  }
});

document.addEventListener("submit", ev => {
  const f = ev.target;
  if (f.dataset.api) {
    ev.preventDefault();
    if (f.dataset.shape === "clock") {
      const v = f.elements.advance.value.trim();
      if (!v) { toast("Say how far, e.g. 90m or -10m.", true); return; }
      run(f, f.dataset.api, { advance: v });
      return;
    }
    run(f, f.dataset.api, bodyOf(f, ev.submitter));
  } else if (f.dataset.decode) {
    ev.preventDefault();
    decode();
  } else if (f.dataset.signin) {
    ev.preventDefault();
    signIn(f);
  }
});

// signIn hands the control token to mockidp, which keeps it in an
// HttpOnly cookie for the console's pages and requests.
async function signIn(form) {
  try {
    await call("POST " + form.dataset.signin, { token: form.elements.token.value });
    location.reload();
  } catch (err) {
    toast(err.message, true);
  }
}

async function decode() {
  const form = document.getElementById("decode-form");
  const out = document.getElementById("decoded");
  const resp = await fetch(form.dataset.decode, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: document.getElementById("token-input").value }),
  });
  // The answer is HTML the server rendered with html/template.
  out.innerHTML = await resp.text();
  out.scrollIntoView({ behavior: "instant", block: "start" });
}

// The request log refreshes itself while "Live" is ticked.
function live() {
  const rows = document.getElementById("request-rows");
  const box = document.getElementById("live");
  if (!rows || !box) return;
  setInterval(async () => {
    if (!box.checked || document.hidden) return;
    const resp = await fetch(rows.dataset.rows + location.search, { credentials: "same-origin" });
    if (resp.ok) rows.innerHTML = await resp.text();
  }, 2000);
}

document.addEventListener("DOMContentLoaded", () => {
  const msg = sessionStorage.getItem("mockidp-toast");
  if (msg) { sessionStorage.removeItem("mockidp-toast"); toast(msg, false); }
  live();
});
