// Runs every suite CI runs, in order, and ends with one line: `N passed, N failed, N skipped`.
// Lint and type-check count as one check each; unit and e2e count their tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const reports = join(process.cwd(), '.tmp', 'reports')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })
const totals = { passed: 0, failed: 0, skipped: 0 }
const lines = []

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function readJson(path) {
  if (!existsSync(path)) return null
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

function count(label, passed, failed, skipped = 0) {
  totals.passed += passed
  totals.failed += failed
  totals.skipped += skipped
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`)
}

// Skips are reported by name (and reason where the runner keeps one), never silently.
const skips = []

function vitestSkips(report) {
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo') skips.push(`unit: ${test.fullName}`)
    }
  }
}

function playwrightSkips(suite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'skipped') continue
      const reason = test.annotations?.find((a) => a.type === 'skip')?.description
      skips.push(`e2e [${test.projectName}] ${spec.title}${reason ? ` — ${reason}` : ''}`)
    }
  }
  for (const child of suite.suites ?? []) playwrightSkips(child)
}

function check(label, command, args) {
  const isOk = run(label, command, args)
  count(label, isOk ? 1 : 0, isOk ? 0 : 1)
}

check('lint', 'npx', ['eslint', '.'])
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])

// Built before the unit tests: one of them runs the built browser-mode entry as a user would.
const isBuilt = run('build', 'npx', ['electron-vite', 'build'])
count('build', isBuilt ? 1 : 0, isBuilt ? 0 : 1)
const unitReport = join(reports, 'vitest.json')
const isUnitOk = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`])
const unit = readJson(unitReport)
vitestSkips(unit)
if (unit) count('unit', unit.numPassedTests, unit.numFailedTests + (isUnitOk || unit.numFailedTests ? 0 : 1), unit.numPendingTests + unit.numTodoTests)
else count('unit', 0, 1)

if (isBuilt) {
  const e2eReport = join(reports, 'playwright.json')
  const isE2eOk = run('e2e', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport })
  const e2e = readJson(e2eReport)
  for (const suite of e2e?.suites ?? []) playwrightSkips(suite)
  const stats = e2e?.stats
  if (stats) count('e2e', stats.expected + stats.flaky, stats.unexpected + (isE2eOk || stats.unexpected ? 0 : 1), stats.skipped)
  else count('e2e', 0, 1)
}

if (skips.length > 0) console.log(`\nSkipped:\n  ${skips.join('\n  ')}`)
console.log('\n' + lines.join('\n'))
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed === 0 ? 0 : 1)
