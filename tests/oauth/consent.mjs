// Drives the reference PDS's sign-in and consent pages in Debian's chromium, as a writer
// would: the password, then "Authorize" (or "Deny access").
//
//   BYLINE_OAUTH_TOOLS=<cache> node consent.mjs URL PASSWORD approve|deny [HANDLE]
//
// HANDLE is typed when the page does not know the account yet (no login_hint).
//
// Prints the address the browser ends on (Byline's loopback redirect) and that page's text.
//
// Copyright 2026 The Byline Authors
// SPDX-License-Identifier: GPL-3.0-or-later
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(path.join(process.env.BYLINE_OAUTH_TOOLS, 'node_modules', 'x.js'))
const puppeteer = (await import(require.resolve('puppeteer-core'))).default
const [url, password, choice, handle] = process.argv.slice(2)

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // The test runs as root in a container, where chromium's sandbox cannot start.
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
})
try {
  const page = await browser.newPage()
  page.setDefaultTimeout(60000)
  await page.goto(url, { waitUntil: 'networkidle0' })

  const button = (text) => page.waitForFunction(
    (t) => [...document.querySelectorAll('button')].find((b) => b.innerText.trim() === t),
    {}, text)

  // Without login_hint the page welcomes first: "Sign in" rather than "Create a new account".
  await page.waitForFunction(() => document.querySelector('input[name=password]')
    || [...document.querySelectorAll('button')].some((b) => b.innerText.trim() === 'Sign in'))
  if (!(await page.$('input[name=password]'))) {
    await (await button('Sign in')).asElement().click()
  }

  // The sign-in step: the handle is filled in from login_hint, if there was one.
  await page.waitForSelector('input[name=password]')
  if (handle && !(await page.$eval('input[name=username]', (e) => e.value))) {
    await page.type('input[name=username]', handle)
  }
  await page.type('input[name=password]', password)
  await page.click('button[type=submit]')

  // The consent step.
  const wanted = choice === 'deny' ? 'Deny access' : 'Authorize'
  const choose = await button(wanted)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    choose.asElement().click(),
  ])
  console.log(page.url())
  console.log(await page.evaluate(() => document.body.innerText))
} finally {
  await browser.close()
}
