// Small DOM helpers: elements built with properties and text only (no HTML strings, no inline styles).

/** h('a', {href: '#', class: 'x', onclick: fn}, 'text', child...) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'value' || name === 'checked' || name === 'selected') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An error as the console shows it everywhere: code, message and the code's explanation page. */
export function errorBox(error) {
  const code = error && error.code;
  return h('div', { class: 'error', role: 'alert', dataset: { code: code || '' } },
    code ? ['Error ', h('code', {}, String(code)), ': '] : 'Error: ',
    error && error.message ? error.message : String(error),
    code ? [' — ', h('a', { href: `/docs/errors/${code}`, target: '_blank', rel: 'noopener' }, `what ${code} means`)] : null);
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

export function statusChip(status) {
  return h('span', { class: `status status-${status}` }, status);
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function money(amount, units) {
  return `${Number(amount || 0).toFixed(4)} ${units || ''}`.trim();
}

/** A labelled control: <div class=field><label for=id>text</label>control<p class=field-error></p></div>. */
export function field(labelText, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2)}`;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', error.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control,
    hint ? h('p', { class: 'legend-note' }, hint) : null, error);
}

export function select(name, options, value) {
  return h('select', { name }, options.map((o) => {
    const [v, text] = Array.isArray(o) ? o : [o, o];
    return h('option', { value: v, selected: v === value }, text);
  }));
}

/**
 * Shows an API error next to the form field it names ("Invalid value for DataLimit: ..."), or, when
 * it names none of them, only in the form's error area; returns the field that was marked.
 */
export function showFieldError(formEl, error, area) {
  for (const el of formEl.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of formEl.querySelectorAll('.field-error')) {
    el.hidden = true;
    el.textContent = '';
  }
  replace(area, errorBox(error));
  const names = [...new Set([...formEl.elements].map((e) => e.name).filter(Boolean))];
  const named = names.find((n) => new RegExp(`\\b${n}\\b`).test(error.message || ''));
  if (!named) return null;
  const control = formEl.elements[named] instanceof RadioNodeList ? formEl.elements[named][0] : formEl.elements[named];
  control.setAttribute('aria-invalid', 'true');
  const note = document.getElementById(`${control.id}-error`) || control.closest('fieldset')?.querySelector('.field-error');
  if (note) {
    note.hidden = false;
    note.textContent = `${error.message} (${error.code})`;
  }
  return control;
}

export function clearFieldErrors(formEl, area) {
  for (const el of formEl.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of formEl.querySelectorAll('.field-error')) {
    el.hidden = true;
    el.textContent = '';
  }
  if (area) replace(area);
}
