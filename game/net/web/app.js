// The classroom pages: a team, the teacher's dashboard, the projector.
// Everything shown comes from the server as JSON and is written with
// textContent (never as HTML); nothing here computes a rule.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function fill(id, ...children) {
  const e = $(id);
  e.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

function clock(seconds) {
  if (seconds === null || seconds === undefined) return "";
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

// A connection that comes back by itself after a drop (the server keeps the seat).
function connect(path, onOpen, onData) {
  let ws = null;
  let retry = 500;
  const state = { send: (obj) => ws && ws.readyState === 1 && ws.send(JSON.stringify(obj)), closed: false };
  const open = () => {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    ws = new WebSocket(`${proto}//${location.host}${path}`);
    ws.onopen = () => { retry = 500; banner(""); onOpen(state); };
    ws.onmessage = (ev) => { try { onData(JSON.parse(ev.data), state); } catch (e) { console.error(e); } };
    ws.onclose = () => {
      if (state.closed) return;
      banner("Connection lost: reconnecting …");
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 8000);
    };
  };
  open();
  return state;
}

function banner(text) {
  const b = $("banner");
  if (!b) return;
  b.textContent = text;
  b.classList.toggle("show", !!text);
}

// A countdown between the server's updates.
let deadline = null;
let stopped = "";
function setTimer(seconds, paused, waiting) {
  deadline = seconds === null || seconds === undefined ? null : Date.now() + seconds * 1000;
  stopped = paused ? "Paused: " : waiting ? "Waiting for the teams: " : "";
  tick();
}
function tick() {
  const t = $("timer");
  if (!t) return;
  if (deadline === null) { t.textContent = ""; return; }
  if (stopped) deadline = Math.max(deadline, Date.now());
  const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
  t.textContent = (stopped || "Time left ") + clock(left);
  t.classList.toggle("warn", left <= 30);
}

function header(d) {
  $("title").textContent = d.title;
  $("turn").textContent = `Turn ${d.turn} of ${d.turn_limit} · ${d.date} · tension ${d.tension}`;
  $("state").textContent = d.over ? "The game is over" : d.paused ? "Paused by the teacher" : "";
  setTimer(d.timer, d.paused, d.timer_waiting);
}

function regionRows(d, why) {
  return [
    el("tr", {}, el("th", {}, "Region"), el("th", { class: "num" }, "Stability"), el("th", { class: "num" }, "Need"), el("th", {}, "Held by")),
    ...d.regions.map((r) =>
      el("tr", {},
        el("td", {}, r.name, r.crisis ? el("span", { class: "bad" }, " CRISIS") : null),
        el("td", { class: "num" },
          why ? el("a", { href: "#", onclick: (e) => { e.preventDefault(); why("stability", [r.id]); } },
            `${r.stability}`) : `${r.stability}`,
          ` ${r.change}`, " ", el("span", { class: "stab", style: `width:${(r.stability / 25).toFixed(2)}em` })),
        el("td", { class: "num" }, r.need),
        el("td", {}, r.held_by, r.claim ? el("span", { class: "dim" }, ` (${r.claim})`) : null))),
  ];
}

function trackRows(d) {
  if (!d.tracks.length) return [];
  return [
    el("tr", {}, el("th", {}, "Talks"), el("th", {}, "Parties"), el("th", {}, "Status"), el("th", { class: "num" }, "Progress"), el("th", { class: "num" }, "Trust")),
    ...d.tracks.map((t) => el("tr", {}, el("td", {}, t.name), el("td", {}, t.parties), el("td", {}, t.status),
      el("td", { class: "num" }, t.progress), el("td", { class: "num" }, t.trust))),
  ];
}

function messageList(list, me) {
  if (!list.length) return [el("p", { class: "dim" }, "No messages yet.")];
  return list.slice(-30).reverse().map((m) =>
    el("div", { class: "msg" + (m.to ? " private" : "") },
      el("div", { class: "who" }, `Turn ${m.turn} · ${m.from_name} → ${m.to_name}`),
      el("div", {}, m.text)));
}

function newsList(d) {
  return d.news.length ? d.news.map((t) => el("li", {}, t)) : [el("li", { class: "dim" }, "No news this turn.")];
}

// ------------------------------------------------------------------ a team
function teamPage() {
  let conn = null;
  let code = decodeURIComponent(location.hash.slice(1)) || sessionStorage.getItem("code") || "";
  const why = (quantity, subject) => conn.send({ type: "why", quantity, subject });
  const start = (c) => {
    code = c.trim();
    sessionStorage.setItem("code", code);
    history.replaceState(null, "", "/team");
    conn = connect("/ws/team", (s) => s.send({ type: "join", code }), onData);
  };
  const onData = (d) => {
    if (d.type === "error") {
      if (d.text === "this team was opened on another device") {
        conn.closed = true;
        banner("This team was opened on another device: this page no longer plays. Reload it to take the team back.");
        return;
      }
      if ($("play").classList.contains("hidden")) {
        $("loginerror").textContent = d.text;
        if (d.text === "no team has that code" || d.text.startsWith("too many")) {
          conn.closed = true;
          sessionStorage.removeItem("code");
          if (d.text === "no team has that code") localStorage.removeItem("brinkmanship-code");
        }
      } else {
        $("error").textContent = d.text;
      }
      return;
    }
    if (d.type === "welcome") {
      // Remembered on this computer, so a team that closed its tab finds its code filled in.
      try { localStorage.setItem("brinkmanship-code", code); } catch (e) { /* private browsing */ }
      return;
    }
    if (d.type === "why") {
      fill("why", el("div", {}, el("strong", {}, d.title)),
        d.lines.length ? el("ul", {}, d.lines.map((l) => el("li", {}, l))) : el("p", { class: "dim" }, "No change recorded yet."));
      return;
    }
    if (d.type === "seat") showSeat(d);
  };
  const showSeat = (d) => {
    $("login").classList.add("hidden");
    $("play").classList.remove("hidden");
    header(d);
    $("team").textContent = `${d.me.team || d.me.name} (${d.me.name})`;
    const names = { leverage: "Leverage", reputation: "Reputation", support: "Support", strength: "Strength",
      readiness: "Readiness", budget: "Budget" };
    fill("values", Object.entries(names).map(([q, label]) =>
      el("tr", {}, el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); why(q, [d.me.id]); } }, label)),
        el("td", { class: "num" }, d.values[q]), el("td", { class: "dim" }, d.changes[q]))));
    $("budget").textContent = `Budget left this turn: ${d.budget_left} · orders ${d.queued.length} of ${d.max_orders}`;
    const role = d.role || {};
    fill("objective",
      role.briefing ? el("details", {}, el("summary", {}, "Briefing"), el("p", {}, role.briefing)) : null,
      role.victory ? el("p", {}, el("strong", {}, "Win: "), role.victory) : null,
      role.defeat ? el("p", {}, el("strong", {}, "Lose if: "), role.defeat) : null,
      el("ul", {}, (role.checks || []).map((c) =>
        el("li", { class: c.holds ? "good" : "" }, `${c.holds ? "✓" : "·"} ${c.text}`, c.now ? ` (now ${c.now})` : "",
          c.warning ? el("div", { class: "warn" }, c.warning) : null))),
      role.outcome ? el("p", { class: role.outcome === "win" ? "good" : "bad" }, `Your result: ${role.outcome}`) : null);
    fill("news", newsList(d));
    const last = d.last_turn;
    fill("lastturn", last ? [el("h2", {}, `Turn ${last.turn}: orders carried out`),
      el("ul", {}, last.orders.map((o) => el("li", {}, `${o.actor}: ${o.orders.join("; ")}`))),
      d.rejected.length ? el("ul", {}, d.rejected.map((r) => el("li", { class: "bad" }, `Rejected: ${r.order} (${r.reason})`))) : null,
    ] : []);
    if (d.results.length) {
      $("lastturn").append(el("h2", {}, "Results"),
        el("ul", {}, d.results.map((r) => el("li", {}, `${r.actor}: ${r.outcome || "—"}, score ${r.score}`))));
    }
    const locked = d.ended || d.over;
    fill("queued", d.queued.length
      ? el("ol", {}, d.queued.map((q, i) => el("li", {}, `${q.label} [${q.cost}] `,
        el("button", { disabled: locked, onclick: () => conn.send({ type: "cancel", index: i }) }, "Remove"))))
      : el("p", { class: "dim" }, "No orders queued."));
    $("why-answer").classList.toggle("hidden", !d.reflect || locked);
    const end = $("end");
    end.disabled = locked || d.paused;
    end.textContent = d.ended ? "Turn ended — orders sealed" : "End turn";
    const mine = d.me.team || d.me.name;
    const waiting = d.waiting_for.map((n) => (n === mine ? "you" : n));
    $("waiting").textContent = waiting.length && !d.over ? `Waiting for: ${waiting.join(", ")}` : "";
    const groups = [["military", "Military"], ["diplomatic", "Diplomatic"]];
    const option = (o) =>
      el("div", { class: "option" + (o.legal ? "" : " off"), "data-slug": o.slug },
        el("span", { class: "dim" }, o.number),
        el("div", {}, el("div", {}, `${o.label} [${o.cost}]`),
          el("div", { class: "effect" }, o.legal ? o.effect : `unavailable: ${o.reason}`)),
        el("button", { disabled: !o.legal || locked, onclick: () => { $("error").textContent = ""; conn.send({ type: "queue", number: o.number }); } }, "Queue"));
    // Keep which folds the team opened across updates.
    const open = new Set([...document.querySelectorAll("#options details[open]")].map((e) => e.dataset.fold));
    fill("options", groups.map(([cat, heading]) => {
      const rows = d.options.filter((o) => o.category === cat);
      if (!rows.length) return null;
      const off = rows.filter((o) => !o.legal);
      return el("div", {}, el("h2", {}, heading), rows.filter((o) => o.legal).map(option),
        off.length ? el("details", { class: "fold", "data-fold": cat, open: open.has(cat) },
          el("summary", { class: "dim" }, `${off.length} ${heading.toLowerCase()} order(s) not available now`),
          off.map(option)) : null);
    }));
    const to = $("to");
    const chosen = to.value;
    to.replaceChildren(el("option", { value: "" }, "Everyone (public)"),
      ...d.can_message.map((a) => el("option", { value: a.id }, `${a.name}${a.team ? ` · team ${a.team}` : ""} (private)`)));
    to.value = chosen;
    fill("messages", messageList(d.messages, d.me.id));
    fill("regions", regionRows(d, why));
    fill("tracks", trackRows(d));
    fill("actors", [el("tr", {}, el("th", {}, "Actor"), el("th", { class: "num" }, "Lev."), el("th", { class: "num" }, "Rep."), el("th", { class: "num" }, "Str."),
      el("th", { class: "num" }, "Sup."), el("th", { class: "num" }, "Rel.")),
    ...d.actors.map((a) => el("tr", {}, el("td", {}, a.name, a.team ? el("span", { class: "dim" }, ` (${a.team})`) : null),
      el("td", { class: "num" }, a.leverage), el("td", { class: "num" }, a.reputation),
      el("td", { class: "num" }, (a.exact ? "" : "~") + a.strength), el("td", { class: "num" }, (a.exact ? "" : "~") + a.support),
      el("td", { class: "num" }, a.relations)))]);
  };
  $("end").addEventListener("click", () => {
    $("error").textContent = "";
    const why = $("why-answer");
    conn.send({ type: "end", why: why.classList.contains("hidden") ? "" : why.value.trim() });
    why.value = "";
  });
  // How long the message is, of the most it may hold (the field stops there; the server refuses longer ones).
  const limit = Number($("text").getAttribute("maxlength"));
  const count = () => {
    const n = $("text").value.length;
    $("count").textContent = `${n} / ${limit} characters${n >= limit ? " — the most a message holds" : ""}`;
    $("count").classList.toggle("warn", n >= limit * 0.9);
  };
  $("text").addEventListener("input", count);
  $("say").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("text").value.trim();
    if (!text) return;
    if (text.length > limit) { $("count").textContent = `Not sent: at most ${limit} characters fit in a message.`; return; }
    conn.send({ type: "say", to: $("to").value || null, text });
    $("text").value = "";
    count();
  });
  try { $("code").value = localStorage.getItem("brinkmanship-code") || ""; } catch (e) { /* private browsing */ }
  $("joinform").addEventListener("submit", (e) => { e.preventDefault(); $("loginerror").textContent = ""; start($("code").value); });
  if (code) start(code);
}

// ------------------------------------------------------------------ the teacher
function teacherPage() {
  let conn = null;
  let pass = "";
  let events = [];
  let errorShown = null;
  const adjustForms = {};
  const onData = (d) => {
    if (d.type === "error") {
      ($("desk").classList.contains("hidden") ? $("loginerror") : $("error")).textContent = d.text;
      clearTimeout(errorShown);
      errorShown = setTimeout(() => { $("error").textContent = ""; }, 8000);
      return;
    }
    if (d.type !== "dashboard") return;
    $("login").classList.add("hidden");
    $("desk").classList.remove("hidden");
    const ev = $("event");
    if (d.games.length) {
      // Prepared injects first (★), then the scenario's other events; those already happened in
      // every game are marked with the turn they happened on in the first.
      const chosen = ev.value;
      events = d.games[0].events;
      const happened = (e) => {
        const turns = d.games.map((g) => (g.events.find((x) => x.id === e.id) || {}).turn).filter((t) => t);
        if (!turns.length) return "";
        if (d.games.length === 1) return ` — already happened on turn ${turns[0]}`;
        return turns.length === d.games.length ? " — already happened in every game" : ` — already happened in ${turns.length} of ${d.games.length} games`;
      };
      const label = (e) => `${e.prepared ? "★ " : ""}${e.name} (${e.id})${happened(e)}`;
      const prepared = events.filter((e) => e.prepared);
      const other = events.filter((e) => !e.prepared);
      ev.replaceChildren(
        prepared.length ? el("optgroup", { label: "Prepared injects" }, prepared.map((e) => el("option", { value: e.id }, label(e)))) : null,
        other.length ? el("optgroup", { label: "The scenario's other events" }, other.map((e) => el("option", { value: e.id }, label(e)))) : null);
      if (chosen) ev.value = chosen;
    }
    $("summary").textContent = `${d.games.length} game(s) · latecomers: ${d.latecomers === "ai" ? "the AI plays them" : "they pass"}`;
    // Every update rebuilds the cards, but each game's "Set value" form is the same element throughout,
    // so what the teacher is typing there survives the teams' moves (and keeps the focus).
    const focused = document.activeElement;
    const caret = focused && focused.type === "text" ? [focused.selectionStart, focused.selectionEnd] : null;
    fill("games", d.games.map((g) => gameCard(g)));
    // Once every game is over, nothing is left to pause, inject or publish.
    const allOver = d.games.every((g) => g.over);
    for (const f of ["allform", "injectform", "customform"]) {
      for (const c of $(f).querySelectorAll("button, input, select")) c.disabled = allOver;
    }
    $("allover").classList.toggle("hidden", !allOver);
    if (focused && focused !== document.activeElement && document.contains(focused)) {
      focused.focus();
      if (caret) focused.setSelectionRange(...caret);
    }
  };
  const gameCard = (g) => {
    const send = (obj) => { $("error").textContent = ""; conn.send(obj); };
    return el("section", { class: "card", "data-game": g.game },
      el("h2", {}, el("span", {}, `Group ${g.game}: turn ${g.turn} of ${g.turn_limit}`),
        el("span", { class: "timer", "data-deadline": !g.over && !g.paused && !g.timer_waiting && g.timer !== null ? Date.now() + g.timer * 1000 : null },
          g.over ? "game over" : g.paused ? `paused${g.timer !== null ? ` (${clock(g.timer)} left)` : ""}`
            : g.timer_waiting ? `${clock(g.timer)} · waiting` : g.timer !== null ? `time left ${clock(g.timer)}` : "")),
      el("div", { class: "scroll" }, el("table", {}, el("tr", {}, el("th", {}, "Team"), el("th", {}, "Code"), el("th", {}, ""), el("th", {}, "Turn")),
        g.teams.map((t) => el("tr", {}, el("td", {}, `${t.name} (${t.actor})`), el("td", {}, el("code", {}, t.code)),
          el("td", {}, el("span", { class: "pill" + (t.online ? " on" : "") }, t.online ? "online" : "offline")),
          el("td", {}, el("span", { class: "pill" + (g.over || t.ended ? " done" : "") }, g.over ? "finished" : t.ended ? "ended" : "playing")))))),
      el("div", { class: "scroll" }, el("table", {}, el("tr", {}, el("th", {}, "Actor"), el("th", { class: "num" }, "Lev."), el("th", { class: "num" }, "Rep."), el("th", { class: "num" }, "Sup."),
        el("th", { class: "num" }, "Str."), el("th", { class: "num" }, "Budget"), el("th", { class: "queued" }, "Queued")),
        g.actors.map((a) => el("tr", {}, el("td", {}, a.name), el("td", { class: "num" }, a.leverage),
          el("td", { class: "num" }, a.reputation), el("td", { class: "num" }, a.support), el("td", { class: "num" }, a.strength),
          el("td", { class: "num" }, a.budget), el("td", { class: "dim queued" }, a.queued.join("; ")))))),
      g.over ? el("div", { class: "over" },
        el("p", {}, el("strong", {}, "Game over. "), g.results.map((r) => `${r.actor}: ${r.outcome} (${r.score})`).join(" · ")),
        el("p", {},
          g.debrief ? el("a", { href: g.debrief, target: "_blank", class: "button primary" }, "Debrief") : null, " ",
          g.debrief ? el("a", { href: `${g.debrief}&summary=1`, target: "_blank", class: "button" }, "Summary for the projector") : null, " ",
          el("a", { href: `/projector?game=${g.game}`, target: "_blank", style: "color:var(--accent)" }, "Projector view")),
        el("p", { class: "dim" }, "On this computer: ", ...g.report_commands.map((c) => el("code", { class: "command" }, c)))) : null,
      g.over ? null : el("p", {},
        el("button", { onclick: () => send({ type: g.paused ? "resume" : "pause", game: g.game }) }, g.paused ? "Resume" : "Pause"), " ",
        el("a", { href: `/projector?game=${g.game}`, target: "_blank", style: "color:var(--accent)" }, "Projector view")),
      g.over ? null : adjustForms[g.game] || (adjustForms[g.game] = adjustForm(g, send)),
      g.interventions.length ? [el("h2", {}, "Your interventions"),
        el("ul", { class: "interventions" }, g.interventions.slice().reverse().map((i) => el("li", {}, `Turn ${i.turn}: ${i.text}`)))] : null,
      el("h2", {}, "Latest"),
      el("ul", {}, g.news.slice(-4).map((t) => el("li", {}, t))),
      el("div", {}, messageList(g.messages).slice(0, 5)),
      el("p", { class: g.save.startsWith("Saved") ? "dim" : "bad" }, g.save));
  };
  const adjustForm = (g, send) => {
    const q = el("select", {}, g.quantities.map((x) => el("option", { value: x }, x)));
    const subj = el("select", {}, g.actors.map((a) => el("option", { value: a.id }, a.name)),
      g.regions_named.map((r) => el("option", { value: r.id }, r.name)));
    const val = el("input", { type: "number", step: "any", style: "width:5em", placeholder: "value" });
    const note = el("input", { type: "text", maxlength: 500, placeholder: "note" });
    return el("form", { class: "row", onsubmit: (e) => {
      e.preventDefault();
      if (val.value === "") return;
      send({ type: "adjust", game: g.game, quantity: q.value, subject: [subj.value], value: Number(val.value), note: note.value });
    } }, el("span", { class: "dim" }, "Set"), q, subj, val, note, el("button", { type: "submit" }, "Set value"));
  };
  const allGames = () => [...document.querySelectorAll("[data-game]")].map((e) => Number(e.dataset.game));
  $("loginform").addEventListener("submit", (e) => {
    e.preventDefault();
    pass = $("passphrase").value;
    $("passphrase").value = "";
    $("loginerror").textContent = "";
    if (conn) conn.send({ type: "login", passphrase: pass });
    else conn = connect("/ws/teacher", (s) => s.send({ type: "login", passphrase: pass }), onData);
  });
  $("pauseall").addEventListener("click", () => conn.send({ type: "pause" }));
  $("resumeall").addEventListener("click", () => conn.send({ type: "resume" }));
  $("settimer").addEventListener("click", () => conn.send({ type: "timer", seconds: Math.round(Number($("timerall").value || 0) * 60) }));
  $("injectform").addEventListener("submit", (e) => {
    e.preventDefault();
    conn.send({ type: "inject", games: allGames(), event: $("event").value, note: $("injectnote").value });
    $("injectnote").value = "";
  });
  $("customform").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!$("headline").value.trim()) return;
    conn.send({ type: "custom", games: allGames(), headline: $("headline").value, text: $("customtext").value });
    $("headline").value = ""; $("customtext").value = "";
  });
}

// ------------------------------------------------------------------ the projector
function projectorPage() {
  const game = new URLSearchParams(location.search).get("game") || "1";
  connect(`/ws/projector?game=${encodeURIComponent(game)}`, () => {}, (d) => {
    if (d.type !== "projector") return;
    header(d);
    fill("news", newsList(d));
    const last = d.last_turn;
    fill("results",
      last ? [el("h2", { style: "margin-top:.8em" }, `Turn ${last.turn}: orders carried out`),
        el("ul", {}, last.orders.map((o) => el("li", {}, `${o.actor}: ${o.orders.join("; ")}`)))] : [],
      d.results.length ? [el("h2", { style: "margin-top:.8em" }, "Results"),
        el("ul", {}, d.results.map((r) => el("li", {}, `${r.actor}: ${r.outcome || "—"}, score ${r.score}`)))] : []);
    fill("regions", regionRows(d, null));
    fill("tracks", trackRows(d));
    fill("teams", d.teams.map((t) => el("span", { class: "pill" + (t.ended ? " done" : "") }, `${t.name}${t.ended ? " ✓" : ""}`)).flatMap((x) => [x, " "]));
    fill("messages", messageList(d.messages));
  });
}

// ------------------------------------------------------------------ the front page
function indexPage() {
  try { $("code").value = localStorage.getItem("brinkmanship-code") || ""; } catch (e) { /* private browsing */ }
  $("join").addEventListener("submit", (e) => {
    e.preventDefault();
    location.href = "/team#" + encodeURIComponent($("code").value.trim());
  });
}

setInterval(() => {
  tick();
  // The teacher's cards count their games' timers down between the server's updates.
  for (const t of document.querySelectorAll("[data-deadline]")) {
    const left = Math.max(0, Math.round((Number(t.dataset.deadline) - Date.now()) / 1000));
    t.textContent = `time left ${clock(left)}`;
    t.classList.toggle("warn", left <= 30);
  }
}, 1000);
const page = document.body.dataset.page;
if (page === "team") teamPage();
else if (page === "teacher") teacherPage();
else if (page === "projector") projectorPage();
else if (page === "index") indexPage();
