// Starts the GOV.UK Frontend and MoJ Frontend components on the page.
import { initAll } from './govuk/govuk-frontend.min.js'
import { initAll as initMoj } from './moj/moj-frontend.min.js'
import { boxWideTables } from './table-scroll.js'

initAll()
initMoj()
boxWideTables()
