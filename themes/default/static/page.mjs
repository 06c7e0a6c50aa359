// The pages' own script, loaded as a module by the pages that need it. Every page works without
// it (the site's policy runs no inline script, and readers may have JavaScript off); it adds:
// - copy buttons: a <button data-copy="ID" hidden> is shown and copies the text of #ID;
// - citations: the page address in `.citation-url` is made absolute (the site may be built with
//   a path such as /portal/ as its base URL, which a citation cannot use);
// - the source view: `?rindas=299-313` highlights every line of the range, not only the #L299
//   line the address scrolls to;
// - filters: a <form data-filter="#ID" hidden> is shown; its selects hide the table rows inside
//   #ID whose data attribute (the select's data-attribute: "years", "institutions") does not
//   hold the chosen value, and the groups whose data-role is not the chosen role; groups left
//   without a shown row are hidden too, and a status line says how many measures are shown.

function copyButtons() {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) {
      continue;
    }
    const status = button.parentElement.querySelector('.copy-status');
    const say = (text) => {
      if (status) {
        status.textContent = text;
      }
    };
    button.hidden = false;
    button.addEventListener('click', async () => {
      const text = source.textContent.replace(/\s+/g, ' ').trim();
      try {
        await navigator.clipboard.writeText(text);
        say('Atsauce nokopēta.');
      } catch {
        // No clipboard access (an older browser, a page not served over https): select the
        // text so that the reader's own copy command takes it.
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        say('Atsauce iezīmēta: nokopējiet to ar Ctrl+C.');
      }
    });
  }
}

function absoluteAddresses() {
  for (const element of document.querySelectorAll('.citation-url')) {
    element.textContent = new URL(element.textContent.trim(), location.href).href;
  }
}

function highlightRange() {
  const match = /^(\d+)(?:-(\d+))?$/.exec(new URLSearchParams(location.search).get('rindas') ?? '');
  if (!match) {
    return;
  }
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  const lines = [];
  for (let n = first; n <= last && lines.length <= 10000; n++) {
    const line = document.getElementById(`L${n}`);
    if (line) {
      line.classList.add('in-range');
      lines.push(line);
    }
  }
  const note = document.getElementById('range-note');
  if (note && lines.length > 0) {
    note.textContent = first === last ? `Iezīmēta rinda ${first}.` : `Iezīmētas rindas ${first}–${last}.`;
    note.hidden = false;
  }
}

function filters() {
  for (const form of document.querySelectorAll('form[data-filter]')) {
    const target = document.querySelector(form.dataset.filter);
    if (!target) {
      continue;
    }
    const selects = [...form.querySelectorAll('select')];
    const status = form.querySelector('.filter-status');
    const rows = [...target.querySelectorAll('tbody tr')];
    const apply = () => {
      for (const row of rows) {
        row.hidden = selects.some((select) => {
          const attribute = select.dataset.attribute;
          return attribute && select.value !== '' && !(row.dataset[attribute] ?? '').split(' ').includes(select.value);
        });
      }
      for (const group of target.querySelectorAll('.filter-group')) {
        group.hidden = false;
      }
      for (const select of selects.filter((s) => s.dataset.group)) {
        for (const group of target.querySelectorAll(`[data-${select.dataset.group}]`)) {
          group.hidden = select.value !== '' && group.dataset[select.dataset.group] !== select.value;
        }
      }
      // Innermost groups first, so a section hides when all its role groups are hidden.
      for (const group of [...target.querySelectorAll('.filter-group')].reverse()) {
        if (!group.hidden) {
          group.hidden = ![...group.querySelectorAll('tbody tr')].some((row) => !row.closest('[hidden]'));
        }
      }
      const shown = new Set(
        rows.filter((row) => !row.closest('[hidden]')).map((row) => row.querySelector('th a')?.getAttribute('href')),
      ).size;
      const total = new Set(rows.map((row) => row.querySelector('th a')?.getAttribute('href'))).size;
      status.textContent = shown === total ? `Parādīti visi pasākumi: ${total}.` : `Parādīti pasākumi: ${shown} no ${total}.`;
    };
    for (const select of selects) {
      select.addEventListener('change', apply);
    }
    form.addEventListener('submit', (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }
}

copyButtons();
absoluteAddresses();
highlightRange();
filters();
