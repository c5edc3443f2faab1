// Run before the tests: the browser tests need a Chromium. If none is found, install Debian's
// package when this machine can (root and apt-get), else stop with one line saying how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

if (!findChromium()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('soma: no Chromium found; installing Debian\'s chromium package for the browser tests...\n');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  }
  if (!findChromium()) {
    process.stderr.write('soma: the browser tests need Chromium: install it (Debian: sudo apt-get install chromium) or set SOMA_CHROMIUM=/path/to/chrome\n');
    process.exit(1);
  }
}
