/**
 * Browser tests: Node scenarios driving Debian's Chromium through playwright-core (from the npm
 * registry, locked in {@code test-support/browser}), never a browser a tool downloads.
 */
package io.driftway.testsupport.browser;
