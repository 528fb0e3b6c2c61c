import { defineConfig, devices } from "@playwright/test";
import { LIMITED_PORT, LIMITED_RATE, LIMITED_URL, MAIN_PORT, MAIN_URL } from "./e2e/support/servers";

/**
 * End-to-end suite: the citizen journey in a real browser, with and without JavaScript, on a
 * desktop and a phone viewport; the JSON API over plain HTTP; and the public rate limit against
 * a second server whose limit is tiny. Each server runs on its own fresh embedded database.
 */

const chromium = {
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

const desktop = { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium };
// Pixel-class Android phone (Chromium), the typical citizen's device.
const phone = {
  ...devices["Pixel 7"],
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  launchOptions: chromium,
};

// Browser specs run on every browser project (axe needs JavaScript in the page, so the
// accessibility scan runs with it only); tests tagged @api need no browser and run once.
const browserSpecs = /(citizen|a11y|rate-limit)\.spec\.ts$/;
const noJsSpecs = /(citizen|rate-limit)\.spec\.ts$/;
// The reporter's receipt, lost-link recovery and walk-in slip; their page's deadlines, the location
// point and the light pages: on the phone, with and without JavaScript.
const phoneSpecs = /reporter-(links|page)\.spec\.ts$/;
const staffSpecs = /(directory|staff-journey|staff-forms|staff-screens|staff-audit|staff-evidence|staff-search|staff-flow|staff-lists|authz|anonymity|signin|sms-gateway|lapor-ops|sla|sla-board|page-cache|hand-off|security-headers|open311-keys)\.spec\.ts$/;
const serverCommand = (port: number, limit: number) => `node --import tsx e2e/support/serve.ts ${port} ${limit}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 1 : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: MAIN_URL,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    { name: "desktop-js", testMatch: browserSpecs, grepInvert: /@api/, use: { ...desktop } },
    { name: "phone-js", testMatch: [browserSpecs, phoneSpecs], grepInvert: /@api/, use: { ...phone } },
    { name: "desktop-nojs", testMatch: noJsSpecs, grepInvert: /@api/, use: { ...desktop, javaScriptEnabled: false } },
    { name: "phone-nojs", testMatch: [noJsSpecs, phoneSpecs], grepInvert: /@api/, use: { ...phone, javaScriptEnabled: false } },
    { name: "api", testMatch: /(api|rate-limit|graceful-stop|edge-fuzz|open311)\.spec\.ts$/, grep: /@api/ },
    // Staff side: each demo account signs in once (e2e/.auth/), then the staff specs use the
    // saved sessions; the first journey and the screens also run on a phone, the journey also
    // without JavaScript.
    { name: "staff-setup", testMatch: /staff\.setup\.ts$/, use: { ...desktop } },
    { name: "staff-desktop", testMatch: staffSpecs, dependencies: ["staff-setup"], use: { ...desktop } },
    { name: "staff-phone", testMatch: /(directory|staff-(journey|forms|screens|evidence|search|audit|flow|lists)|lapor-ops|sla-board|hand-off|open311-keys)\.spec\.ts$/, grep: /@phone/, dependencies: ["staff-setup"], use: { ...phone } },
    { name: "staff-nojs", testMatch: /staff-(journey|forms|forms-directory)\.spec\.ts$/, grep: /@nojs/, dependencies: ["staff-setup"], use: { ...desktop, javaScriptEnabled: false } },
  ],
  webServer: [
    {
      command: serverCommand(MAIN_PORT, 1000),
      url: `${MAIN_URL}/api/health`,
      // The first start builds the app (a minute or two on a small machine).
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
    {
      // Started after the first one, so the build is already fresh; the build lock covers the rest.
      command: serverCommand(LIMITED_PORT, LIMITED_RATE),
      url: `${LIMITED_URL}/api/health`,
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
