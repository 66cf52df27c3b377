// Spend file reading and import progress: polls the import's JSON status and updates the progress bar and its
// status text (announced by screen readers through aria-live). Without JavaScript the page has a
// "Check progress" link instead.
const box = document.getElementById('spend-progress')
if (box) {
  const bar = document.getElementById('spend-progress-bar')
  const text = document.getElementById('spend-progress-text')
  const check = document.getElementById('spend-progress-check')
  if (check) check.hidden = true
  let lastText = text.textContent
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (!response.ok) throw new Error(String(response.status))
      const status = await response.json()
      bar.value = status.percent
      bar.textContent = `${status.percent}%`
      if (status.text !== lastText) {
        text.textContent = status.text
        lastText = status.text
      }
      // The next page once there is one: the columns to check after the file has been read, or the
      // report once the import has finished.
      const next = status.next_url || (status.finished ? status.report_url : null)
      if (next) {
        window.location.assign(next)
        return
      }
    } catch (error) {
      if (check) check.hidden = false
    }
    window.setTimeout(poll, 1000)
  }
  window.setTimeout(poll, 500)
}
