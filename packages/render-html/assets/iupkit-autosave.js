// iupkit autosave: posts forms marked data-autosave a moment after the user stops typing.
// Protocol with the host: the form is posted as application/x-www-form-urlencoded with
// "Accept: application/json"; the host answers 2xx with {"version": n}, which replaces the form's
// version field, or 409 on a version conflict, after which this form is no longer autosaved.
// Status texts come from data attributes of the form's <output class="autosave-status">, so this
// file holds no user-visible strings. Without this script every form still works with its button.
(function () {
  "use strict";
  const delayMs = 1500;
  const timers = new WeakMap();
  const stopped = new WeakSet();

  function statusOf(form) {
    return form.querySelector("output.autosave-status");
  }

  function show(form, key) {
    const status = statusOf(form);
    if (status && status.dataset[key]) status.textContent = status.dataset[key];
  }

  function save(form) {
    if (stopped.has(form)) return;
    show(form, "saving");
    const body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (response.status === 409) {
          stopped.add(form);
          show(form, "conflict");
          return null;
        }
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (result) {
        if (result === null) return;
        const version = form.querySelector("input[name='version']");
        if (version && result && result.version !== undefined) version.value = String(result.version);
        show(form, "saved");
      })
      .catch(function () {
        show(form, "failed");
      });
  }

  function schedule(form, delay) {
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { save(form); }, delay));
  }

  function formOf(target) {
    const form = target && target.form;
    return form && form.hasAttribute("data-autosave") ? form : null;
  }

  document.addEventListener("input", function (event) {
    const form = formOf(event.target);
    if (form && event.target.tagName === "TEXTAREA") schedule(form, delayMs);
  });
  document.addEventListener("change", function (event) {
    const form = formOf(event.target);
    if (form) schedule(form, 0);
  });
})();
