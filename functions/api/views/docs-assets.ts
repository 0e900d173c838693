/**
 * The API reference's own style sheet and script, served from /assets/docs.css and /assets/docs.js
 * (strict CSP: nothing inline). The script only sends the "try it" forms with fetch, with the
 * token typed on the page, and opens the operation a link points at.
 */
export const docsCss = `
.docs h1 { margin-top: 0.5rem; }
.docs .note, .docs .help { color: #5b6570; font-size: 0.9em; }
.docs .token { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.75rem; margin: 1rem 0; }
.docs .token label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.docs .token input { width: 100%; max-width: 40rem; box-sizing: border-box; font: inherit; padding: 0.35rem; }
.docs-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; list-style: none; }
.docs h2 small { font-size: 0.6em; color: #5b6570; font-weight: normal; }
.docs .operation > details > summary { padding: 0.25rem 0; line-height: 1.6; }
.docs .operation .path { word-break: break-all; }
.docs .operation h4 { margin: 1rem 0 0.4rem; }
.docs .operation h5 { margin: 0.75rem 0 0.25rem; font-size: 0.95em; font-weight: 600; }
.docs table.fields { background: #fff; }
.docs table.fields th[scope="row"] { font-weight: normal; white-space: nowrap; }
.docs table.fields td p { margin: 0 0 0.25rem; }
.docs .constraints { color: #5b6570; font-size: 0.9em; }
.docs code.enum { background: #eef3f8; padding: 0 0.2em; border-radius: 3px; }
.docs .failures { padding-left: 1.2rem; }
.docs .failures li { margin: 0.15rem 0; }
.docs .status { font-weight: 600; }
.docs details.example > summary { cursor: pointer; color: #0b5cad; }
.docs form.try fieldset { border: 1px solid #d7dce1; border-radius: 6px; margin: 1rem 0 0.5rem; display: grid; gap: 0.5rem; }
.docs form.try label { display: grid; gap: 0.15rem; }
.docs form.try input, .docs form.try textarea { font: inherit; font-family: ui-monospace, monospace; padding: 0.3rem; box-sizing: border-box; width: 100%; }
.docs form.try button { justify-self: start; font: inherit; padding: 0.3rem 1rem; }
.docs form.try output { display: block; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.85em; background: #f0f2f4; max-height: 24rem; overflow: auto; }
.docs form.try output:empty { display: none; }
@media (max-width: 40rem) {
  /* A phone: each row becomes a block, the field name its heading, each cell a labelled line. */
  .docs .operation { padding: 0.4rem; }
  .docs table.fields thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .docs table.fields, .docs table.fields tbody, .docs table.fields tr, .docs table.fields th, .docs table.fields td { display: block; width: auto; }
  .docs table.fields tr { border: 1px solid #d7dce1; border-radius: 4px; margin-bottom: 0.4rem; padding: 0.25rem 0.4rem; }
  .docs table.fields th, .docs table.fields td { border: 0; padding: 0.1rem 0; }
  .docs table.fields th[scope="row"] { white-space: normal; overflow-wrap: anywhere; font-weight: 600; }
  .docs table.fields td::before { content: attr(data-label) ": "; color: #5b6570; }
  .docs table.fields td.details::before { display: block; }
  .docs table.fields td.details.empty { display: none; }
  .docs table.fields td p { overflow-wrap: anywhere; }
}
`;

export const docsJs = `'use strict';
(function () {
  function send(form) {
    var data = new FormData(form);
    var path = form.dataset.path;
    var query = new URLSearchParams();
    var headers = new Headers();
    var body;
    data.forEach(function (value, key) {
      if (typeof value !== 'string' || value === '') return;
      if (key === 'body') { body = value; return; }
      var dot = key.indexOf('.');
      var where = key.slice(0, dot);
      var name = key.slice(dot + 1);
      if (where === 'path') path = path.replace('{' + name + '}', encodeURIComponent(value));
      else if (where === 'query') query.append(name, value);
      else if (where === 'header') headers.set(name, value);
    });
    var token = document.getElementById('docs-token').value.trim();
    if (token) headers.set('authorization', 'Bearer ' + token);
    if (body !== undefined) headers.set('content-type', form.dataset.contentType || 'application/json');
    var out = form.querySelector('output');
    out.textContent = '…';
    var q = query.toString();
    fetch(path + (q ? '?' + q : ''), { method: form.dataset.method, headers: headers, body: body, credentials: 'omit' })
      .then(function (res) {
        var type = res.headers.get('content-type') || '';
        var head = res.status + ' ' + res.statusText + '\\n' + type + '\\n\\n';
        if (!/json|text/.test(type)) return res.blob().then(function (b) { out.textContent = head + b.size + ' bytes'; });
        return res.text().then(function (text) {
          try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          out.textContent = head + text;
        });
      })
      .catch(function (error) { out.textContent = String(error); });
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('try')) return;
    event.preventDefault();
    send(form);
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    var details = el && el.querySelector('details');
    if (details) details.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
`;
