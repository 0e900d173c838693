/**
 * The workspace's one script, served from this site (`script-src 'self'`) as /assets/forms.js.
 *
 * 1. It disables an action form's submit button once the form is sent, so a double click sends one
 *    request. Nothing depends on it: the form's idempotency key still makes a double click one record.
 * 2. It enhances file fields (functions/api/forms/file-field.tsx, issue #22): per file it computes
 *    the SHA-256 (crypto.subtle), asks POST /files/uploads (session cookie + the form's CSRF token)
 *    for a presigned PUT, sends the bytes straight to storage with XMLHttpRequest (upload progress
 *    shown), then adds a hidden input `files` = upload id. Remove and retry per file. A form with
 *    an upload still running or failed is not sent. Its words come from the field's data-words.
 *
 * 3. It marks a decision's reason required while the level chosen differs from the proposal
 *    (`_proposed`, the evaluation's decision form); the server's answer stays the rule.
 *
 * It runs once per page however many times it is included (a file field adds its own tag).
 */
export const formsScript = `(function () {
  'use strict';
  if (window.__trackerForms) return;
  window.__trackerForms = true;

  function readJson(el, name) {
    try { return JSON.parse(el.getAttribute(name) || '{}'); } catch (e) { return {}; }
  }
  function fmtSize(bytes, dec) {
    var n, unit;
    if (bytes >= 1048576) { n = Math.round(bytes / 1048576 * 10) / 10; unit = 'MB'; }
    else if (bytes >= 1024) { n = Math.round(bytes / 1024); unit = 'KB'; }
    else { n = bytes; unit = 'B'; }
    return String(n).replace('.', dec || '.') + ' ' + unit;
  }
  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }
  function randomKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return hex(b.buffer);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function remember(id, file) {
    try { sessionStorage.setItem('tracker-upload-' + id, JSON.stringify(file)); } catch (e) { /* private mode */ }
  }
  function recall(id) {
    try { return JSON.parse(sessionStorage.getItem('tracker-upload-' + id) || 'null'); } catch (e) { return null; }
  }

  function enhance(field) {
    if (field.getAttribute('data-enhanced') === '1') return;
    field.setAttribute('data-enhanced', '1');
    var form = field.closest('form');
    var words = readJson(field, 'data-words');
    var types = readJson(field, 'data-types');
    var maxFiles = Number(field.getAttribute('data-max-files')) || 20;
    var name = field.getAttribute('data-name') || 'files';
    var uploadPath = field.getAttribute('data-upload');
    var csrfField = field.getAttribute('data-csrf-field') || '_csrf';
    var rows = field.querySelector('[data-file-rows]');
    var live = field.querySelector('[data-file-live]');
    var picker = field.querySelector('[data-file-picker]');
    var input = picker.querySelector('input[type=file]');
    var noJs = field.querySelector('[data-file-nojs]');
    if (noJs) noJs.hidden = true;
    picker.hidden = false;

    function say(text) { if (live) live.textContent = text; }

    // Rows kept from a form shown again (a field error elsewhere): the name from this tab's memory.
    Array.prototype.forEach.call(rows.querySelectorAll('li[data-upload-id]'), function (li) {
      var known = recall(li.getAttribute('data-upload-id'));
      if (known) {
        li.querySelector('.file-name').textContent = known.name;
        li.querySelector('.file-status').textContent = words.done + ' · ' + fmtSize(known.size, words.decimal) + ' · ' + words.sha256 + ': ' + known.sha256.slice(0, 12) + '…';
      }
      var remove = el('button', 'file-remove', words.remove);
      remove.type = 'button';
      remove.addEventListener('click', function () { li.remove(); });
      li.appendChild(remove);
    });

    function count() { return rows.querySelectorAll('li.file-row').length; }

    function addFile(file) {
      var li = el('li', 'file-row');
      li.setAttribute('data-state', 'checking');
      var title = el('span', 'file-name', file.name);
      var size = el('span', 'file-size', fmtSize(file.size, words.decimal));
      var bar = el('progress', 'file-progress');
      bar.max = 100; bar.value = 0;
      bar.setAttribute('aria-label', file.name);
      var status = el('span', 'file-status', words.hashing);
      var buttons = el('span', 'file-buttons');
      var retry = el('button', 'file-retry', words.retry);
      retry.type = 'button'; retry.hidden = true;
      var remove = el('button', 'file-remove', words.remove);
      remove.type = 'button';
      buttons.appendChild(retry); buttons.appendChild(remove);
      li.appendChild(title); li.appendChild(size); li.appendChild(bar); li.appendChild(status); li.appendChild(buttons);
      rows.appendChild(li);

      var xhr = null;
      var key = randomKey();
      var sha = null;
      function fail(message, canRetry) {
        li.setAttribute('data-state', 'failed');
        li.classList.add('failed');
        status.textContent = message;
        status.setAttribute('role', 'alert');
        bar.hidden = true;
        retry.hidden = !canRetry;
        say(file.name + ': ' + message);
      }
      remove.addEventListener('click', function () {
        if (xhr) xhr.abort();
        li.remove();
        input.focus();
      });
      retry.addEventListener('click', function () { start(); });

      var extension = file.name.indexOf('.') >= 0 ? file.name.split('.').pop().toLowerCase() : '';
      var type = types[extension];
      if (!type) return fail(words.badType, false);
      if (file.size === 0) return fail(words.empty, false);
      var maxBytes = Number(field.getAttribute('data-max-bytes'));
      if (maxBytes && file.size > maxBytes) return fail(words.tooLarge, false);
      if (count() > maxFiles) return fail(words.tooMany, false);
      if (!(window.crypto && crypto.subtle)) return fail(words.noCrypto, false);

      function start() {
        li.classList.remove('failed');
        li.setAttribute('data-state', 'checking');
        status.removeAttribute('role');
        retry.hidden = true;
        bar.hidden = false; bar.value = 0;
        var hashed = sha ? Promise.resolve(sha) : file.arrayBuffer().then(function (b) { return crypto.subtle.digest('SHA-256', b); }).then(hex);
        hashed.then(function (h) {
          sha = h;
          status.textContent = words.requesting;
          var body = new URLSearchParams();
          var token = form ? form.querySelector('input[name="' + csrfField + '"]') : null;
          body.set(csrfField, token ? token.value : '');
          body.set('_idem', key);
          body.set('name', file.name);
          body.set('type', type);
          body.set('size', String(file.size));
          body.set('sha256', h);
          return fetch(uploadPath, { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'application/json' } });
        }).then(function (res) {
          if (res.status === 201) return res.json();
          return res.json().catch(function () { return {}; }).then(function (problem) {
            var paths = (problem.errors || []).map(function (e) { return e.path || ''; }).join(' ');
            var err = new Error('refused');
            if (res.status === 401 || res.status === 403) err.message = words.session;
            else if (res.status === 503) err.message = words.unavailable;
            else if (/size/.test(paths)) err.message = words.tooLarge;
            else if (/type|name/.test(paths)) err.message = words.badType;
            else err.message = words.failed;
            err.final = res.status !== 503 && res.status < 500;
            throw err;
          });
        }).then(function (ticket) {
          li.setAttribute('data-state', 'uploading');
          status.textContent = words.uploading + ' 0%';
          return new Promise(function (resolve, reject) {
            xhr = new XMLHttpRequest();
            xhr.open('PUT', ticket.upload.url);
            Object.keys(ticket.upload.headers).forEach(function (h) { xhr.setRequestHeader(h, ticket.upload.headers[h]); });
            xhr.upload.onprogress = function (e) {
              if (!e.lengthComputable) return;
              var p = Math.floor(e.loaded / e.total * 100);
              bar.value = p;
              status.textContent = words.uploading + ' ' + p + '%';
            };
            xhr.onload = function () {
              xhr = null;
              if (this.status >= 200 && this.status < 300) resolve(ticket);
              else { var err = new Error(words.refused); err.final = false; reject(err); }
            };
            xhr.onerror = function () { xhr = null; var err = new Error(words.failed); err.final = false; reject(err); };
            xhr.onabort = function () { xhr = null; };
            xhr.send(file);
          });
        }).then(function (ticket) {
          li.setAttribute('data-state', 'done');
          li.setAttribute('data-upload-id', ticket.id);
          li.classList.add('done');
          bar.value = 100;
          status.textContent = words.done + ' 100% · ' + words.sha256 + ': ' + ticket.sha256.slice(0, 12) + '…';
          status.title = ticket.sha256;
          var hidden = document.createElement('input');
          hidden.type = 'hidden'; hidden.name = name; hidden.value = ticket.id;
          li.appendChild(hidden);
          remember(ticket.id, { name: file.name, size: file.size, sha256: ticket.sha256 });
          say(file.name + ': ' + words.done);
        }).catch(function (err) {
          if (!li.isConnected) return;
          fail(err && err.message && err.message !== 'refused' ? err.message : words.failed, !(err && err.final));
        });
      }
      start();
    }

    input.addEventListener('change', function () {
      Array.prototype.forEach.call(input.files || [], addFile);
      input.value = '';
    });
  }

  // A reason required only where the level chosen differs from the proposal (the evaluation's
  // decision, E5): the hidden _proposed names it; the server checks again and names the field.
  function requireReason(input) {
    var form = input.form, level = form && form.querySelector('select[name=level]'), reason = form && form.querySelector('textarea[name=reason]');
    if (!level || !reason) return;
    function sync() { reason.required = level.value !== '' && level.value !== input.value; }
    level.addEventListener('change', sync);
    sync();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-file-field]'), enhance);
    Array.prototype.forEach.call(document.querySelectorAll('form[data-action] input[name=_proposed]'), requireReason);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-action')) return;
    if (form.getAttribute('data-sent') === '1') { event.preventDefault(); return; }
    // Files still uploading or failed: say so by the field, send nothing.
    var busy = form.querySelector('[data-file-field] li.file-row:not(.done)');
    if (busy) {
      event.preventDefault();
      var field = busy.closest('[data-file-field]');
      var words = readJson(field, 'data-words');
      var note = field.querySelector('.file-wait');
      if (!note) { note = el('p', 'field-error file-wait'); note.setAttribute('role', 'alert'); field.appendChild(note); }
      note.textContent = words.wait;
      busy.scrollIntoView({ block: 'center' });
      return;
    }
    form.setAttribute('data-sent', '1');
    var button = form.querySelector('button[type=submit]');
    // After this tick, so the browser has taken the form's fields for the request.
    if (button) setTimeout(function () { button.disabled = true; button.setAttribute('aria-busy', 'true'); }, 0);
  });
})();
`;
