/* Sortable tables, by progressive enhancement: without JavaScript a table.sortable is a plain table
   in the order the site gives it. With it, every column heading gets a button that sorts the rows
   by that column (again: the other way); the heading says which way with aria-sort. Numbers sort
   as numbers (a cell without one, such as "not stated", sorts below 0); text with the page
   language's collation. The page's .sort-hint paragraph, hidden without JavaScript, is shown. */
(function () {
  var coll = typeof Intl !== 'undefined' && Intl.Collator
    ? new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: 'base' })
    : null;

  function key(cell) {
    var t = (cell ? cell.textContent : '').replace(/\s+/g, ' ').trim();
    var n = /^-?\d+(?:[.,]\d+)?$/.test(t) ? parseFloat(t.replace(',', '.')) : NaN;
    return { text: t, num: n };
  }

  function compare(a, b, numeric) {
    if (numeric) {
      var x = isNaN(a.num) ? -1 : a.num, y = isNaN(b.num) ? -1 : b.num;
      return x - y;
    }
    return coll ? coll.compare(a.text, b.text) : (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
  }

  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    var keyed = rows.map(function (r, i) { return { row: r, i: i, k: key(r.cells[col]) }; });
    var numeric = keyed.some(function (e) { return !isNaN(e.k.num); }) &&
      keyed.every(function (e) { return !isNaN(e.k.num) || !/\d/.test(e.k.text); });
    keyed.sort(function (a, b) {
      var c = compare(a.k, b.k, numeric);
      return (dir === 'ascending' ? c : -c) || a.i - b.i;
    });
    keyed.forEach(function (e) { body.appendChild(e.row); });
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir);
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) return;
    var label = table.getAttribute('data-sort-label') || 'Sort by';
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var name = th.textContent.replace(/\s+/g, ' ').trim();
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort-button';
      b.setAttribute('aria-label', label + ' ' + name);
      b.innerHTML = '<span aria-hidden="true">\u2195</span>';
      b.addEventListener('click', function () { sortBy(table, col, th); });
      th.appendChild(document.createTextNode(' '));
      th.appendChild(b);
    });
    table.classList.add('is-sortable');
  }

  var tables = document.querySelectorAll('table.sortable');
  for (var i = 0; i < tables.length; i++) enhance(tables[i]);
  // the "column headings sort the table" hint is true only now
  var hints = tables.length ? document.querySelectorAll('.sort-hint') : [];
  for (var j = 0; j < hints.length; j++) hints[j].hidden = false;
}());
