/**
 * The workspace's one script, served from this site (`script-src 'self'`): it only disables an
 * action form's submit button once the form is sent, so a double click sends one request. Nothing
 * depends on it: without it the form's idempotency key still makes a double click one record.
 */
export const formsScript = `(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-action')) return;
    if (form.getAttribute('data-sent') === '1') { event.preventDefault(); return; }
    form.setAttribute('data-sent', '1');
    var button = form.querySelector('button[type=submit]');
    // After this tick, so the browser has taken the form's fields for the request.
    if (button) setTimeout(function () { button.disabled = true; button.setAttribute('aria-busy', 'true'); }, 0);
  });
})();
`;
