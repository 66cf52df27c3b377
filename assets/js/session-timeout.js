// Before an idle sign-out, warns in a modal dialog and offers to stay signed in (WCAG 2.2.1, Timing
// adjustable); if a person is signed out anyway, what they typed into a form on the page is kept in
// this browser tab (sessionStorage, never a password) and filled in again when they are back on that
// page after signing in (ADR 0033). The times and addresses come from data attributes on #app-session
// (core/_session_timeout.html): the Content Security Policy allows no inline script (ADR 0009).

const DRAFTS_KEY = 'clearsight-drafts'
const NOT_KEPT_TYPES = new Set(['password', 'hidden', 'file', 'submit', 'button', 'reset', 'image'])
const NOT_KEPT_AUTOCOMPLETE = new Set(['one-time-code', 'current-password', 'new-password'])

const config = document.getElementById('app-session')
if (config) {
  const settings = {
    signedIn: config.dataset.signedIn === 'true',
    owner: config.dataset.owner,
    left: Number(config.dataset.leftSeconds),
    warn: Number(config.dataset.warnSeconds),
    draftAge: Number(config.dataset.draftSeconds) * 1000,
    statusUrl: config.dataset.statusUrl,
    signInUrl: config.dataset.signInUrl,
    signOutPath: new URL(config.dataset.signOutUrl, window.location.href).pathname
  }
  keepDrafts(settings)
  if (settings.signedIn) watchSession(settings)
}

// Drafts ------------------------------------------------------------------------------------------

function readDrafts (settings) {
  let drafts
  try {
    drafts = JSON.parse(window.sessionStorage.getItem(DRAFTS_KEY) || '[]')
  } catch (error) {
    drafts = []
  }
  const now = Date.now()
  return Array.isArray(drafts) ? drafts.filter((draft) => draft && now - draft.at < settings.draftAge) : []
}

function writeDrafts (drafts) {
  try {
    if (drafts.length) window.sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts))
    else window.sessionStorage.removeItem(DRAFTS_KEY)
  } catch (error) {
    // Storage switched off or full: nothing is kept.
  }
}

function pathOf (url) {
  return new URL(url, window.location.href).pathname
}

// The forms on the page whose answers are kept: those that send something (POST), but not sign-out.
function draftForms (settings) {
  return Array.from(document.querySelectorAll('main form')).filter((form) =>
    form.method.toLowerCase() === 'post' && !form.hasAttribute('data-no-draft') && pathOf(form.action) !== settings.signOutPath)
}

function isKept (element) {
  if (!element.name || element.disabled || element.name === 'csrfmiddlewaretoken') return false
  if (NOT_KEPT_TYPES.has(element.type) || element.hasAttribute('data-no-draft')) return false
  return !NOT_KEPT_AUTOCOMPLETE.has((element.getAttribute('autocomplete') || '').toLowerCase())
}

// Only what the person changed on this page, not what the page came with.
function changedFields (form) {
  const fields = []
  const seen = {}
  for (const element of form.elements) {
    if (!isKept(element)) continue
    if (element.type === 'checkbox' || element.type === 'radio') {
      if (element.checked !== element.defaultChecked) fields.push({ name: element.name, value: element.value, checked: element.checked })
    } else if (element.tagName === 'SELECT') {
      const options = Array.from(element.options)
      if (options.some((option) => option.selected !== option.defaultSelected)) {
        fields.push({ name: element.name, selected: options.filter((option) => option.selected).map((option) => option.value) })
      }
    } else {
      const nth = seen[element.name] = (seen[element.name] ?? -1) + 1
      if (element.value !== element.defaultValue) fields.push({ name: element.name, nth, value: element.value })
    }
  }
  return fields
}

// kept: true once a sign-out came between typing and sending, so the draft waits for the person's return.
function saveDrafts (settings, kept) {
  const here = window.location.pathname
  const forms = draftForms(settings)
    .map((form, index) => ({ index, action: form.getAttribute('action') || '', fields: changedFields(form) }))
    .filter((form) => form.fields.length)
  const drafts = readDrafts(settings).filter((draft) => draft.path !== here)
  if (forms.length) drafts.push({ owner: settings.owner, path: here, at: Date.now(), kept, forms })
  writeDrafts(drafts)
}

function changed (element) {
  element.dispatchEvent(new Event('input', { bubbles: true }))
  element.dispatchEvent(new Event('change', { bubbles: true }))
}

function fillIn (settings, draft) {
  const forms = draftForms(settings)
  let filled = false
  for (const saved of draft.forms) {
    const form = forms[saved.index]
    if (!form || (form.getAttribute('action') || '') !== saved.action) continue
    for (const field of saved.fields) {
      const elements = Array.from(form.elements).filter((element) => element.name === field.name && isKept(element))
      if ('checked' in field) {
        const element = elements.find((candidate) => candidate.value === field.value)
        if (element && element.checked !== field.checked) {
          element.checked = field.checked
          changed(element)
          filled = true
        }
      } else if ('selected' in field) {
        const element = elements.find((candidate) => candidate.tagName === 'SELECT')
        if (element) {
          for (const option of element.options) option.selected = field.selected.includes(option.value)
          changed(element)
          filled = true
        }
      } else {
        const element = elements.filter((candidate) => candidate.tagName !== 'SELECT' && candidate.type !== 'checkbox' && candidate.type !== 'radio')[field.nth || 0]
        if (element && element.value !== field.value) {
          element.value = field.value
          changed(element)
          filled = true
        }
      }
    }
  }
  return filled
}

function showRestored () {
  const template = document.getElementById('app-drafts-restored')
  const main = document.getElementById('main-content')
  if (!template || !main) return
  const banner = template.content.firstElementChild.cloneNode(true)
  main.prepend(banner)
  banner.focus()
}

function keepDrafts (settings) {
  let drafts = readDrafts(settings)
  if (!settings.signedIn) {
    // Signed out, or part-way through signing in: whatever was being sent did not arrive, so it waits
    // for the person to come back.
    for (const draft of drafts) draft.kept = true
    writeDrafts(drafts)
  } else {
    const here = window.location.pathname
    const mine = drafts.filter((draft) => draft.kept && draft.owner === settings.owner)
    const restore = mine.find((draft) => draft.path === here)
    // A draft not kept was sent while signed in (the form's answer is this page); someone else's is dropped.
    drafts = mine.filter((draft) => draft.path !== here)
    writeDrafts(drafts)
    if (restore && fillIn(settings, restore)) showRestored()
  }

  document.addEventListener('submit', (event) => {
    const form = event.target
    const submitter = event.submitter
    const action = submitter && submitter.hasAttribute('formaction') ? submitter.formAction : form.action
    if (pathOf(action) === settings.signOutPath) {
      // Signing out on purpose: nothing typed is left behind in this browser.
      writeDrafts([])
    } else if (settings.signedIn && draftForms(settings).includes(form)) {
      saveDrafts(settings, false)
    }
  })
}

// The warning ---------------------------------------------------------------------------------------

function duration (seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return `${minutes} minute${minutes === 1 ? '' : 's'}`
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}

function watchSession (settings) {
  const dialog = document.getElementById('app-session-dialog')
  if (!dialog || typeof dialog.showModal !== 'function') return
  const form = dialog.querySelector('form')
  const announce = dialog.querySelector('[data-announce]')
  const status = document.getElementById('app-session-status')
  let timer = null
  let ticker = null
  let deadline = 0
  let limit = 'idle'
  let returnFocus = null
  let absoluteSeen = false

  const schedule = (seconds) => {
    window.clearTimeout(timer)
    timer = window.setTimeout(check, Math.max(1, seconds) * 1000)
  }

  const ask = async (url, options = {}) => {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options })
    if (!response.ok) throw new Error(String(response.status))
    return response.json()
  }

  const tick = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000))
    const words = duration(left)
    for (const element of dialog.querySelectorAll('[data-countdown]')) element.textContent = words
    // Screen readers hear the time left each minute and at 30 seconds, not every second.
    if (left > 0 && (left % 60 === 0 || left === 30)) announce.textContent = `You will be signed out in ${words}.`
  }

  const close = (message) => {
    if (!dialog.open) return
    window.clearInterval(ticker)
    dialog.close()
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus()
    if (message) status.textContent = message
  }

  const warn = (state) => {
    limit = state.limit
    deadline = Date.now() + state.remaining * 1000
    if (limit === 'absolute' && absoluteSeen) return
    for (const element of dialog.querySelectorAll('[data-limit]')) {
      element.hidden = element.dataset.limit !== limit
      element.classList.toggle('govuk-!-display-none', element.hidden) // a GOV.UK button's display outranks hidden
    }
    tick()
    if (!dialog.open) {
      returnFocus = document.activeElement
      announce.textContent = ''
      status.textContent = ''
      dialog.showModal()
      ticker = window.setInterval(tick, 1000)
    }
  }

  const signedOut = () => {
    window.clearTimeout(timer)
    window.clearInterval(ticker)
    saveDrafts(settings, true)
    const url = new URL(settings.signInUrl, window.location.href)
    if (window.location.pathname !== '/') url.searchParams.set('next', window.location.pathname)
    window.location.assign(url.toString())
  }

  async function check () {
    let state
    try {
      state = await ask(settings.statusUrl)
    } catch (error) {
      schedule(30)
      return
    }
    if (!state.signed_in) {
      signedOut()
    } else if (state.remaining > settings.warn) {
      // Something kept the session alive meanwhile (another tab, a page that updates itself).
      close()
      schedule(state.remaining - settings.warn)
    } else if (state.remaining <= 0) {
      schedule(1)
    } else {
      warn(state)
      schedule(Math.min(state.remaining, 30))
    }
  }

  const stay = async () => {
    let state
    try {
      state = await ask(form.action, { method: 'POST', body: new FormData(form) })
    } catch (error) {
      // Not answered: send the form the ordinary way, which comes back to this page, keeping what was typed.
      saveDrafts(settings, true)
      form.submit()
      return
    }
    if (!state.signed_in) {
      signedOut()
      return
    }
    close('You are still signed in.')
    schedule(state.remaining - settings.warn)
  }

  const dismiss = () => {
    absoluteSeen = true
    close()
  }

  form.addEventListener('submit', (event) => {
    if (event.submitter && event.submitter.hasAttribute('data-sign-out')) return
    event.preventDefault()
    stay()
  })
  dialog.querySelector('[data-close]').addEventListener('click', dismiss)
  // Escape: for the idle limit, staying signed in is what closing the warning means.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    if (limit === 'absolute') dismiss()
    else stay()
  })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check()
  })
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) check()
  })
  schedule(settings.left - settings.warn)
}
