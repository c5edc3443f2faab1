/**
 * Settings in the URL: read once at load (the settings table parses each field; a bad field
 * falls back to its default and is reported), written back with `history.replaceState` on
 * every change, so a link reopens the same state and a reload keeps it.
 */
import { parseSettingsQuery, settingsToQuery, type SettingProblem, type Settings } from '../core/lab/settings';

/** Reads the page's settings from its URL. */
export function readUrlSettings(): { settings: Settings; problems: SettingProblem[] } {
  return parseSettingsQuery(location.search);
}

/** Writes the settings into the URL (defaults left out). */
export function writeUrlSettings(settings: Settings): void {
  const query = settingsToQuery(settings);
  const url = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
}
