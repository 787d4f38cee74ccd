// Signing in to the staff desktop as a demo user (`seed --demo`), the way a person does:
// open the desktop, land on the sign-in page, send the form, arrive at the worklist.
import { checkPage, expectSecureHeaders } from './browser.mjs';

export const STAFF_PASSWORD = 'frontdoor-demo';

// `name`, when given, checks (axe) and keeps a screenshot of the sign-in page under it.
export async function signIn(page, baseUrl, email, name) {
  const response = await page.goto(baseUrl + '/staff');
  await page.waitForURL(/\/staff\/sign-in\?next=\/staff$/);
  await expectSecureHeaders(response);
  if (name) {
    await checkPage(page, `${name}-sign-in`);
  }
  await page.fill('#email', email);
  await page.fill('#password', STAFF_PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(/\/staff$/);
}
