import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { connectHost, type Host, type TeamsTheme } from './teams-host';

const THEMES: Record<TeamsTheme, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

/** Connects once; follows the Teams theme without a reload. */
export function useTeamsHost(): { host: Host | undefined; theme: Theme; themeName: TeamsTheme } {
  const [host, setHost] = useState<Host | undefined>();
  const [themeName, setThemeName] = useState<TeamsTheme>('default');
  useEffect(() => {
    let alive = true;
    void connectHost().then((h) => {
      if (!alive) return;
      setHost(h);
      setThemeName(h.theme);
      h.onThemeChange((t) => setThemeName(t));
    });
    return () => {
      alive = false;
    };
  }, []);
  return { host, theme: THEMES[themeName], themeName };
}
