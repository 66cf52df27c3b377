// Wide tables scroll sideways in a box of their own, so that at 320 CSS pixels (400% zoom) the
// page itself never does (WCAG 2.2 1.4.10 Reflow). Templates box their known wide tables with
// {% scroll_table %} (core/templatetags/scroll_table.py); this boxes every other GOV.UK table, and
// makes such a box a labelled region a keyboard user can Tab to and scroll only while it is
// narrower than its table, so that tables that fit add no stop to the Tab order.
// Without JavaScript the page scrolls sideways as before; nothing is lost.

const BOXES = '.app-table-scroll, .app-board-scroll'
let count = 0

function nameOf (table) {
  const caption = table.querySelector('caption')
  if (caption && caption.textContent.trim()) {
    if (!caption.id) caption.id = `app-table-caption-${++count}`
    return { labelledby: caption.id }
  }
  const heading = table.closest('section, main')?.querySelector('h1, h2, h3')
  return { label: heading ? heading.textContent.trim() : 'Table' }
}

function update (box) {
  const scrolls = box.scrollWidth > box.clientWidth + 1
  if (scrolls && !box.hasAttribute('tabindex')) {
    const name = nameOf(box.querySelector('table'))
    box.setAttribute('role', 'region')
    box.setAttribute('tabindex', '0')
    if (name.labelledby) box.setAttribute('aria-labelledby', name.labelledby)
    else box.setAttribute('aria-label', name.label)
  } else if (!scrolls && box.hasAttribute('tabindex')) {
    for (const attribute of ['role', 'tabindex', 'aria-labelledby', 'aria-label']) box.removeAttribute(attribute)
  }
}

export function boxWideTables (root = document) {
  const boxes = []
  for (const table of root.querySelectorAll('table.govuk-table')) {
    if (table.closest(BOXES)) continue
    const box = document.createElement('div')
    box.className = 'app-table-scroll'
    box.dataset.boxedBy = 'script'
    table.parentNode.insertBefore(box, table)
    box.appendChild(table)
    boxes.push(box)
  }
  if (!boxes.length) return
  for (const box of boxes) update(box)
  if ('ResizeObserver' in window) {
    const observer = new ResizeObserver((entries) => { for (const entry of entries) update(entry.target) })
    for (const box of boxes) observer.observe(box)
  }
}
